/**
 * The script of embed-page.html (a test page, not part of the widget): mounts `<kmzb-map>` as
 * the snippet does, with `unit` and `api` from the page's query, and reports what a citizen sees
 * to the parent test page through postMessage.
 */
import '../kmzb-map.js';
import type { KmzbMap } from '../components/kmzb-map/kmzb-map.component.js';
import type { KmzbReportForm } from '../components/kmzb-report-form/kmzb-report-form.component.js';
import { offered } from '../api/categories.js';

export interface EmbedSeen {
  title: string;
  accent: string;
  filterSummary: string;
  filterCategories: string[];
  legendCategories: string[];
  formCategories: string[];
  photoField: boolean;
}

const query = new URLSearchParams(location.search);
const el = document.createElement('kmzb-map') as KmzbMap;
el.setAttribute('unit', query.get('unit') ?? 'pl');
el.setAttribute('api', query.get('api') ?? location.origin);
el.setAttribute('basemap', 'none');
document.body.append(el);

const root = (host: Element | null | undefined) => host?.shadowRoot ?? null;

/** Waits until `check` gives a value, polling on animation frames, for at most 8 s. */
async function until<T>(check: () => T | undefined | null | false): Promise<T> {
  const end = Date.now() + 8000;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out: ${String(check)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A promise that fails with `what` after 8 s, so a hang is named in the test's error. */
function within<T>(promise: Promise<T>, what: string): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`timed out: ${what} (${el.shadowRoot?.querySelector('[role="status"]')?.textContent} / ${el.shadowRoot?.querySelector('.reports-message')?.textContent} / ${el.map?.getSize()})`)), 8000))]);
}

async function seen(): Promise<EmbedSeen> {
  await within(el.ready, 'the unit');
  await within(el.reportsShown, 'the reports');
  const shadow = root(el)!;
  const filters = shadow.querySelector('kmzb-report-filters')!;
  // The filters and the legend as a reader opens them (their entries are rendered on opening).
  root(filters)!.querySelector('details')!.open = true;
  shadow.querySelector<HTMLDetailsElement>('.legend')!.open = true;
  await until(() => root(filters)?.querySelectorAll('.categories input').length);
  await until(() => shadow.querySelectorAll('.legend .symbols li').length);
  const state = {
    title: shadow.querySelector('#title')!.textContent!.trim(),
    accent: getComputedStyle(shadow.querySelector('#view-button')!).backgroundColor,
    filterSummary: root(filters)!.querySelector('.summary')!.textContent!.trim(),
    filterCategories: [...root(filters)!.querySelectorAll<HTMLInputElement>('.categories input')].map((i) => i.value),
    legendCategories: [...shadow.querySelectorAll<HTMLElement>('.legend .symbols li')].map((li) => li.dataset.category!),
  };
  // The report form, as a citizen opens it: its categories, and its details step's photo field.
  shadow.querySelector<HTMLButtonElement>('#view-button')!.click();
  const form = await until(() => shadow.querySelector<KmzbReportForm>('kmzb-report-form'));
  const catalogue = await until(() => (form.catalogue?.length ? form.catalogue : undefined));
  return { ...state, formCategories: offered(catalogue, form.categories).map((c) => c.code), photoField: form.photosEnabled };
}

window.addEventListener('message', async (event) => {
  if (event.source !== parent || event.data !== 'kmzb-embed-seen') return;
  try {
    parent.postMessage({ seen: await seen() }, '*');
  } catch (error) {
    parent.postMessage({ error: String(error) }, '*');
  }
});
parent.postMessage({ loaded: true }, '*');
