import { createHash } from 'node:crypto';
import { el, xmlDocument, type XmlElement } from './xml.js';

export interface AtomEntry {
  /** A stable, unique key of the entry; becomes its urn:uuid id. */
  key: string;
  title: string;
  published: string;
  updated: string;
  summary: string;
  /** The entry's resource (the report's public JSON). */
  link: string;
  linkType: string;
}

export interface AtomFeed {
  key: string;
  title: string;
  subtitle: string;
  /** The feed's own absolute URL (rel="self"). */
  self: string;
  author: string;
  /** When nothing is in the feed yet. */
  emptyUpdated: string;
  entries: readonly AtomEntry[];
}

/**
 * A name-based (SHA-1, version 5 layout) UUID of a key: Atom ids must be permanent and unique
 * URIs, and a deployment's host name may change, so ids derive from our own stable keys.
 */
export function uuidUrn(key: string): string {
  const hex = createHash('sha1').update(`kmzb:${key}`).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** An Atom 1.0 document (RFC 4287): every text is escaped by the XML writer. */
export function atomDocument(feed: AtomFeed): string {
  const updated = feed.entries.reduce((max, e) => (e.updated > max ? e.updated : max), '') || feed.emptyUpdated;
  const entries: XmlElement[] = feed.entries.map((entry) => el('entry', undefined,
    el('id', undefined, uuidUrn(entry.key)),
    el('title', { type: 'text' }, entry.title),
    el('published', undefined, entry.published),
    el('updated', undefined, entry.updated),
    el('link', { rel: 'alternate', type: entry.linkType, href: entry.link }),
    el('summary', { type: 'text' }, entry.summary),
  ));
  return xmlDocument(el('feed', { xmlns: 'http://www.w3.org/2005/Atom', 'xml:lang': 'pl' },
    el('id', undefined, uuidUrn(feed.key)),
    el('title', { type: 'text' }, feed.title),
    el('subtitle', { type: 'text' }, feed.subtitle),
    el('updated', undefined, updated),
    el('link', { rel: 'self', type: 'application/atom+xml', href: feed.self }),
    el('author', undefined, el('name', undefined, feed.author)),
    ...entries,
  ));
}
