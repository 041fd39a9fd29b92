/**
 * metav1.LabelSelector against a set of labels, as LabelSelectorAsSelector builds it:
 * matchLabels are equalities; matchExpressions are In (key present, value listed), NotIn
 * (key absent, or value not listed), Exists and DoesNotExist; all must hold, and an empty
 * selector matches everything. A selector Kubernetes would refuse to build (an unknown
 * operator, In/NotIn without values, Exists/DoesNotExist with values) matches nothing:
 * the controller gets an error from it and admits no one.
 */
type Obj = Record<string, any>;

export function matchesLabelSelector(
  selector: Obj | undefined | null,
  labels: Readonly<Record<string, string>>,
): boolean {
  if (!selector) return false; // nil selects nothing
  const has = (key: string) => Object.hasOwn(labels, key);
  for (const [key, value] of Object.entries((selector.matchLabels ?? {}) as Record<string, string>)) {
    if (!has(key) || labels[key] !== value) return false;
  }
  for (const e of (selector.matchExpressions ?? []) as Obj[]) {
    const values: unknown[] = Array.isArray(e?.values) ? e.values : [];
    const key = String(e?.key ?? '');
    switch (e?.operator) {
      case 'In':
        if (values.length === 0 || !has(key) || !values.includes(labels[key])) return false;
        break;
      case 'NotIn':
        if (values.length === 0 || (has(key) && values.includes(labels[key]))) return false;
        break;
      case 'Exists':
        if (values.length > 0 || !has(key)) return false;
        break;
      case 'DoesNotExist':
        if (values.length > 0 || has(key)) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}
