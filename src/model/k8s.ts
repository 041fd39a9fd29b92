/**
 * A Kubernetes object as emitted. Plain JSON data whose key insertion order IS the
 * output order (builders write keys in the order they must appear; nothing sorts later).
 */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    ownerReferences?: OwnerReference[];
    [k: string]: unknown;
  };
  [k: string]: unknown;
}

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

/** The objects generated from one source object (an Agent or an MCPServer), in emission order. */
export interface RenderedSource {
  source: { apiVersion: string; kind: 'Agent' | 'MCPServer'; namespace: string; name: string };
  objects: K8sObject[];
}
