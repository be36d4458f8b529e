/**
 * A tiny XML writer for the Open311 XML format and the Atom feeds: elements, attributes and
 * text, always escaped, so user text (public notes, unit names) can never become markup.
 * No dependency: the documents are small trees of plain values.
 */

/** An element: name, attributes, children (elements or text). */
export interface XmlElement {
  name: string;
  attrs?: Record<string, string> | undefined;
  children?: readonly (XmlElement | string)[] | undefined;
}

// Characters XML 1.0 forbids anywhere (C0 controls but tab, LF, CR; U+FFFE/U+FFFF; lone surrogates).
// eslint-disable-next-line no-control-regex
const INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const NAME = /^[A-Za-z_][A-Za-z0-9_.:-]*$/;

/** Text content: `&`, `<` and `>` escaped, characters XML cannot carry dropped. */
export function escapeText(text: string): string {
  return text.replace(INVALID, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** An attribute value in double quotes: also `"` and whitespace that parsers would normalise. */
export function escapeAttr(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

/** Shorthand for an element. */
export function el(name: string, attrs?: Record<string, string>, ...children: (XmlElement | string)[]): XmlElement {
  return { name, attrs, children };
}

/** Serialises an element (no declaration); an element without children is written `<name/>`. */
export function serialize(node: XmlElement): string {
  if (!NAME.test(node.name)) throw new Error(`Not an XML name: ${node.name}`);
  let out = `<${node.name}`;
  for (const [key, value] of Object.entries(node.attrs ?? {})) {
    if (!NAME.test(key)) throw new Error(`Not an XML name: ${key}`);
    out += ` ${key}="${escapeAttr(value)}"`;
  }
  const children = node.children ?? [];
  if (children.length === 0) return `${out}/>`;
  out += '>';
  for (const child of children) out += typeof child === 'string' ? escapeText(child) : serialize(child);
  return `${out}</${node.name}>`;
}

/** A whole document: the UTF-8 declaration and the root element. */
export function xmlDocument(root: XmlElement): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${serialize(root)}\n`;
}

/** Values of a JSON-like answer, turned into elements by `fromValue`. */
export type Plain = string | number | boolean | null | undefined | readonly Plain[] | { readonly [key: string]: Plain };

/**
 * A JSON-like value as XML, the way Open311 maps its JSON to XML: an object's keys become
 * child elements in order, an array becomes repeated children named by `itemNames[key]`
 * (`attributes` → `attribute`), booleans `true`/`false`, null and undefined are left out.
 */
export function fromValue(name: string, value: Plain, itemNames: Readonly<Record<string, string>>): XmlElement {
  if (value === null || value === undefined) return el(name);
  if (Array.isArray(value)) {
    const item = itemNames[name] ?? 'item';
    return { name, children: value.map((v: Plain) => fromValue(item, v, itemNames)) };
  }
  if (typeof value === 'object') {
    const children = Object.entries(value as Record<string, Plain>)
      .filter(([, v]) => v !== null && v !== undefined)
      .map(([k, v]) => fromValue(k, v, itemNames));
    return { name, children };
  }
  return { name, children: [String(value)] };
}
