import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../kmzb-map.js';
import type { KmzbMap } from '../kmzb-map/kmzb-map.component.js';
import { lazyParts } from '../kmzb-map/lazy-parts.js';
import { FIXTURE_UNIT } from '../kmzb-map/report-map.fixtures.js';

// A failed load of the stats chunk, as offline or after a deployment removed the old chunk.
const api = location.origin;
const $ = <E extends Element = HTMLElement>(root: Element, selector: string) => root.shadowRoot!.querySelector<E>(selector);
const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

async function mount(unit: string): Promise<KmzbMap> {
  const el = await fixture<KmzbMap>(html`<kmzb-map unit=${unit} api=${api} basemap="none" view="stats" height="900px"></kmzb-map>`);
  await el.ready;
  return el;
}

describe('<kmzb-map view="stats"> when its code cannot be loaded', () => {
  it('says so, with a way out, when the statistics cannot be loaded, instead of an empty panel', async () => {
    const load = lazyParts.stats;
    let asked = 0;
    lazyParts.stats = () => (asked++, Promise.reject(new TypeError('Failed to fetch dynamically imported module')));
    try {
      const el = await mount(FIXTURE_UNIT);
      await waitUntil(() => $(el, '.part-failed'), 'no message for the failed chunk');
      expect($(el, '.part-failed')!.getAttribute('role')).to.equal('alert');
      expect(text($(el, '.part-failed p'))).to.equal('Nie udało się wczytać tej części mapy. Sprawdź połączenie z internetem i wczytaj stronę ponownie.');
      expect(text($(el, '.part-failed button'))).to.equal('Wczytaj stronę ponownie');
      expect($(el, 'kmzb-stats-view')).to.equal(null);
      await expect(el).to.be.accessible();
      // Back to the map and to the statistics again: one more try, and the same message, no loop.
      el.view = 'map';
      await el.updateComplete;
      expect($(el, '.part-failed')).to.equal(null);
      el.view = 'stats';
      await waitUntil(() => $(el, '.part-failed'), 'no message on the second opening');
      expect(asked, 'asked once per opening, not in a loop').to.equal(2);
    } finally {
      lazyParts.stats = load;
    }
  });
});
