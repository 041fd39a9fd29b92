/** Where something is in the user's repository. Lines and columns are 1-based. */
export interface Position {
  file: string;
  line: number;
  col: number;
}

/** Identity of a Kubernetes object: what "duplicate" and "missing" are judged by. */
export interface ObjectKey {
  apiVersion: string;
  kind: string;
  namespace: string;
  name: string;
}

/** A path into an object, as YAML keys and sequence indexes (`['spec', 'tools', 0]`). */
export type FieldPath = ReadonlyArray<string | number>;

/**
 * Where an input object came from. `at(path)` returns the position of the node at `path`
 * inside the object's document, or of its nearest existing ancestor; positions are
 * computed lazily because they are only needed when a diagnostic is printed.
 */
export interface Origin {
  file: string;
  /** 0-based index of the document in its file. */
  index: number;
  at(path: FieldPath): Position;
  /**
   * The source text of the unquoted scalar at `path`, when it is one (`0777`, `on`): lets a
   * diagnostic say how kubectl's YAML 1.1 reading turned it into a number or boolean.
   */
  plainText?(path: FieldPath): string | undefined;
}

/** One text file handed to the core (the adapters read the disk; the core never does). */
export interface SourceFile {
  /** Slash-separated path as it should appear in diagnostics and KRM `file.path`. */
  path: string;
  text: string;
}

/** A parsed YAML document holding one object (a mapping). */
export interface InputObject {
  /** The plain JSON value of the document (after CRD defaults once validated). */
  body: Record<string, unknown>;
  apiVersion: string;
  kind: string;
  /** `metadata.namespace`, or the settings' default namespace when absent. */
  namespace: string;
  name: string;
  origin: Origin;
}

export function keyOf(o: Pick<InputObject, 'apiVersion' | 'kind' | 'namespace' | 'name'>): ObjectKey {
  return { apiVersion: o.apiVersion, kind: o.kind, namespace: o.namespace, name: o.name };
}

export function formatKey(k: Pick<ObjectKey, 'kind' | 'namespace' | 'name'>): string {
  return `${k.kind} ${k.namespace}/${k.name}`;
}
