import type { TSchema } from '@sinclair/typebox';
import { ITEM_NAMES } from './formats.js';

type Node = Record<string, unknown>;

/**
 * The JSON schema of an Open311 answer with the OpenAPI `xml` words that describe what
 * sendOpen311 writes for the `.xml` routes: `root` as the document element, every array a
 * wrapping element of items named as in ITEM_NAMES (`<service_requests><request>`, `<errors>
 * <error>`), every other field an element of its own name. A copy, for the document only:
 * the JSON routes share the original.
 */
export function xmlShaped(root: string, schema: TSchema): Node {
  return annotate(JSON.parse(JSON.stringify(schema)) as Node, root);
}

function annotate(node: Node, name: string): Node {
  if (node.type === 'array') {
    node.xml = { name, wrapped: true };
    const items = node.items as Node;
    annotate(items, ITEM_NAMES[name] ?? 'item');
  } else {
    node.xml = { name };
    for (const [key, child] of Object.entries((node.properties ?? {}) as Record<string, Node>)) {
      if (child.type === 'array') annotate(child, key);
    }
  }
  return node;
}
