/**
 * A minimal, strict XML parser for tests: enough of XML 1.0 to prove a document well-formed
 * (one root, properly nested and closed tags, quoted unique attributes, only the predefined
 * and numeric entity references, no stray `<` or `&`) and to read it back as a tree. Written
 * as a character scanner, not with regular expressions over the whole text, so it cannot be
 * fooled by markup hidden in text.
 */

export interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  /** The concatenated, unescaped text directly inside this element. */
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function isNameStart(c: string): boolean {
  return /[A-Za-z_:]/.test(c) || c.charCodeAt(0) > 127;
}

function isNameChar(c: string): boolean {
  return isNameStart(c) || /[0-9.-]/.test(c);
}

export function parseXml(source: string): XmlNode {
  let i = 0;
  const fail = (message: string): never => {
    throw new Error(`Malformed XML at ${i}: ${message} near ${JSON.stringify(source.slice(Math.max(0, i - 20), i + 20))}`);
  };
  const startsWith = (s: string): boolean => source.startsWith(s, i);
  const skipSpace = (): void => {
    while (i < source.length && ' \t\r\n'.includes(source[i]!)) i++;
  };
  const name = (): string => {
    const start = i;
    if (i >= source.length || !isNameStart(source[i]!)) fail('expected a name');
    while (i < source.length && isNameChar(source[i]!)) i++;
    return source.slice(start, i);
  };
  const reference = (): string => {
    // at '&'
    const end = source.indexOf(';', i);
    if (end < 0 || end - i > 10) fail('unterminated entity reference');
    const ref = source.slice(i + 1, end);
    i = end + 1;
    if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(parseInt(ref.slice(1), 10));
    const value = ENTITIES[ref];
    if (value === undefined) fail(`unknown entity &${ref};`);
    return value!;
  };
  const skipMisc = (): void => {
    for (;;) {
      skipSpace();
      if (startsWith('<?')) {
        const end = source.indexOf('?>', i);
        if (end < 0) fail('unterminated processing instruction');
        i = end + 2;
      } else if (startsWith('<!--')) {
        const end = source.indexOf('-->', i);
        if (end < 0) fail('unterminated comment');
        i = end + 3;
      } else return;
    }
  };
  const element = (): XmlNode => {
    if (source[i] !== '<') fail('expected <');
    i++;
    const node: XmlNode = { name: name(), attrs: {}, children: [], text: '' };
    for (;;) {
      skipSpace();
      if (startsWith('/>')) {
        i += 2;
        return node;
      }
      if (source[i] === '>') {
        i++;
        break;
      }
      const attr = name();
      skipSpace();
      if (source[i] !== '=') fail('expected =');
      i++;
      skipSpace();
      const quote = source[i];
      if (quote !== '"' && quote !== "'") fail('expected a quoted value');
      i++;
      let value = '';
      while (source[i] !== quote) {
        if (i >= source.length) fail('unterminated attribute');
        if (source[i] === '<') fail('< in an attribute value');
        if (source[i] === '&') value += reference();
        else value += source[i++];
      }
      i++;
      if (attr in node.attrs) fail(`repeated attribute ${attr}`);
      node.attrs[attr] = value;
    }
    for (;;) {
      if (i >= source.length) fail(`unclosed <${node.name}>`);
      if (startsWith('</')) {
        i += 2;
        const closing = name();
        if (closing !== node.name) fail(`</${closing}> closes <${node.name}>`);
        skipSpace();
        if (source[i] !== '>') fail('expected >');
        i++;
        return node;
      }
      if (startsWith('<!--')) {
        const end = source.indexOf('-->', i);
        if (end < 0) fail('unterminated comment');
        i = end + 3;
      } else if (startsWith('<![CDATA[')) {
        const end = source.indexOf(']]>', i);
        if (end < 0) fail('unterminated CDATA');
        node.text += source.slice(i + 9, end);
        i = end + 3;
      } else if (source[i] === '<') {
        node.children.push(element());
      } else if (source[i] === '&') {
        node.text += reference();
      } else {
        if (startsWith(']]>')) fail(']]> in text');
        node.text += source[i++];
      }
    }
  };
  skipMisc();
  const root = element();
  skipMisc();
  if (i !== source.length) fail('content after the root element');
  return root;
}

/** The child elements named `name`. */
export function childrenOf(node: XmlNode, name: string): XmlNode[] {
  return node.children.filter((c) => c.name === name);
}

/** The text of the single child named `name` (undefined when absent). */
export function textOf(node: XmlNode, name: string): string | undefined {
  const found = childrenOf(node, name);
  if (found.length > 1) throw new Error(`<${node.name}> has ${found.length} <${name}>`);
  return found[0]?.text;
}
