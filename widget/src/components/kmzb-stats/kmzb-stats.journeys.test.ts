import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../kmzb-map.js';
import type { KmzbMap } from '../kmzb-map/kmzb-map.component.js';
import { FIXTURE_UNIT } from '../kmzb-map/report-map.fixtures.js';

// Its own page: the stats chunk has not been loaded here before the first test asks for it.
const api = location.origin;
const $ = <E extends Element = HTMLElement>(root: Element, selector: string) => root.shadowRoot!.querySelector<E>(selector);
const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const statsRoot = (el: KmzbMap) => $(el, 'kmzb-stats-view')?.shadowRoot;

async function mount(unit: string): Promise<KmzbMap> {
  const el = await fixture<KmzbMap>(html`<kmzb-map unit=${unit} api=${api} basemap="none" view="stats" height="900px"></kmzb-map>`);
  await el.ready;
  return el;
}

async function shown(el: KmzbMap): Promise<ShadowRoot> {
  await waitUntil(() => statsRoot(el)?.querySelector('.status[data-state="ready"]'), 'stats not shown', { timeout: 20000 });
  return statsRoot(el)!;
}

describe('<kmzb-map view="stats"> as a reader meets it', () => {
  it('follows a language switch of the widget', async () => {
    const el = await mount(FIXTURE_UNIT);
    const root = await shown(el);
    expect(text(root.querySelector('#stats-title'))).to.equal('Statystyki zgłoszeń');
    el.setAttribute('lang', 'uk');
    await waitUntil(() => text(statsRoot(el)!.querySelector('#stats-title')) === 'Статистика повідомлень', 'the stats stayed in Polish');
    el.setAttribute('lang', 'en');
    await waitUntil(() => text(statsRoot(el)!.querySelector('#stats-title')) === 'Report statistics', 'the stats did not switch to English');
    expect(text(statsRoot(el)!.querySelector('.layer h4'))).to.equal('Map layer');
  });

  it('says that a unit has no police crime figures instead of a table of dashes', async () => {
    // No crime statistics are imported for Wejherowo in the test database (only the fixture unit's powiat).
    const el = await mount('kpp-wejherowo');
    const root = await shown(el);
    expect(root.querySelector<HTMLSelectElement>('#layer-mode')!.value).to.equal('crime');
    expect(text(root.querySelector('.crime-empty'))).to.equal('Brak danych Policji dla tego okresu.');
    expect(root.querySelector('.crime table')).to.equal(null);
  });
});
