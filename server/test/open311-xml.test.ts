import assert from 'node:assert/strict';
import { test } from 'node:test';
import { el, escapeAttr, escapeText, fromValue, serialize, xmlDocument } from '../open-data/xml.js';
import { childrenOf, parseXml, textOf } from './xml-check.js';

test('text and attributes are escaped, so user text never becomes markup', () => {
  assert.equal(escapeText('a < b && c > d'), 'a &lt; b &amp;&amp; c &gt; d');
  assert.equal(escapeAttr('say "hi"\n<x>'), 'say &quot;hi&quot;&#10;&lt;x&gt;');
  const nasty = '</description><injected>1</injected>&amp; "q" \'a\'';
  const doc = xmlDocument(el('root', { note: nasty }, el('description', undefined, nasty)));
  const root = parseXml(doc);
  assert.equal(root.attrs.note, nasty);
  assert.equal(textOf(root, 'description'), nasty);
  assert.equal(childrenOf(root, 'injected').length, 0);
});

test('characters XML 1.0 cannot carry are dropped; Polish letters and emoji are kept', () => {
  const text = 'Zażółć\u0000 gęślą\u0007 jaźń \u{1F6A8}\uD800';
  const root = parseXml(serialize(el('t', undefined, text)));
  assert.equal(root.text, 'Zażółć gęślą jaźń \u{1F6A8}');
});

test('fromValue maps JSON to Open311-style XML: arrays by item name, booleans, no nulls', () => {
  const xml = serialize(fromValue('services', [
    { service_code: 'a&b', metadata: true, keywords: null, order: 1 },
    { service_code: 'c', metadata: false, values: [{ key: 'k', name: 'n' }] },
  ], { services: 'service', values: 'value' }));
  assert.equal(xml,
    '<services><service><service_code>a&amp;b</service_code><metadata>true</metadata><order>1</order></service>' +
    '<service><service_code>c</service_code><metadata>false</metadata><values><value><key>k</key><name>n</name></value></values></service></services>');
});

test('the test parser rejects malformed documents (so the checks above can fail)', () => {
  for (const bad of ['<a><b></a></b>', '<a>x & y</a>', '<a>1 < 2</a>', '<a b="1" b="2"/>', '<a/><b/>', '<a>&nbsp;</a>', '<a', '<a b=1/>']) {
    assert.throws(() => parseXml(bad), /Malformed XML/, bad);
  }
  assert.equal(parseXml('<?xml version="1.0"?>\n<a x=\'1\'>t<![CDATA[<c>]]></a>\n').text, 't<c>');
});

test('element and attribute names are checked, not escaped', () => {
  assert.throws(() => serialize(el('bad name')));
  assert.throws(() => serialize(el('ok', { 'x"y': '1' })));
});
