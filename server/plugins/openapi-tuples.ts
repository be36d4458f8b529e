/** Keywords whose values are data, not schemas: never rewritten. */
const DATA_KEYWORDS = new Set(['example', 'examples', 'enum', 'const', 'default']);

/**
 * A copy of a JSON value with every draft-07 tuple rewritten in JSON Schema 2020-12 words,
 * which OpenAPI 3.1 speaks: TypeBox's `Type.Tuple` emits `items: [a, b]` with
 * `additionalItems: false`, which 2020-12 spells `prefixItems: [a, b]` with `items: false`.
 * Fastify's own validator (draft-07) keeps the TypeBox form; only the document changes.
 */
export function toJsonSchema2020(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toJsonSchema2020);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) out[key] = DATA_KEYWORDS.has(key) ? child : toJsonSchema2020(child);
  if (Array.isArray(out.items)) {
    out.prefixItems = out.items;
    // draft-07: absent additionalItems allows anything after the tuple; 2020-12's absent items too.
    if (out.additionalItems === undefined) delete out.items;
    else out.items = out.additionalItems;
    delete out.additionalItems;
  }
  return out;
}
