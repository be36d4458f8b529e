import { expect } from '@open-wc/testing';
import { ApiPath, DEVICE_HEADER } from '../../../common/api.js';
import { randomToken } from '../api/device.js';
import { ADMIN } from '../console/console.fixtures.js';
import { inside, liveText, loggedInAs, openScreen, until } from '../console/console-test-helpers.js';
import type { EmbedSeen } from './embed-probe.js';

// One story across the parts, against the real server (web-test-runner.config.mjs): an admin
// saves the widget settings in the console; a police site on another origin pastes the snippet
// and its citizens see those settings at once, with no restart; a disabled category is refused.

/** A county of the admin's voivodeship that no other test configures, and a point inside it. */
const UNIT = 'kpp-wadowice';
const POINT = { lon: 19.49, lat: 49.88 };
const ENABLED = ['illegal_dump', 'illegal_parking', 'speeding'];
/** The same test server under another name: another origin, as a police site's own domain. */
const SITE = `http://127.0.0.1:${location.port}`;

/** Opens the embedding page on the other origin and asks it what a citizen sees there. */
async function embedAndLook(): Promise<EmbedSeen> {
  const frame = document.createElement('iframe');
  // In the viewport: Chromium pauses the rendering of off-screen frames of another origin.
  frame.style.cssText = 'position:fixed;top:0;left:0;width:900px;height:700px;border:0;z-index:10;background:#fff';
  const url = `${SITE}/widget/src/journeys/embed-page.html?${new URLSearchParams({ unit: UNIT, api: location.origin })}`;
  let onMessage: (event: MessageEvent) => void = () => {};
  const answer = new Promise<EmbedSeen>((resolve, reject) => {
    onMessage = (event: MessageEvent) => {
      if (event.origin !== SITE || event.source !== frame.contentWindow) return;
      if (event.data?.loaded) frame.contentWindow!.postMessage('kmzb-embed-seen', SITE);
      if (event.data?.seen) resolve(event.data.seen);
      if (event.data?.error) reject(new Error(event.data.error));
    };
    window.addEventListener('message', onMessage);
    setTimeout(() => reject(new Error('the embedding page did not answer')), 15000);
  });
  frame.src = url;
  document.body.append(frame);
  try {
    return await answer;
  } finally {
    window.removeEventListener('message', onMessage);
    frame.remove();
  }
}

describe('journey: the admin configures, the webmaster pastes, the citizen sees it', function () {
  this.timeout(40000);

  it('shows the saved categories, period, accent and photo setting on another origin, and refuses a disabled category', async () => {
    const before = await embedAndLook();
    expect(before.filterCategories, 'unconfigured: the whole catalogue').to.have.length(24);
    expect(before.filterSummary).to.contain('365');

    // The admin, in the console's configurator.
    const el = await loggedInAs(ADMIN);
    const config = await openScreen(el, '#config', 'console-configurator');
    const unitSelect = inside<HTMLSelectElement>(config, 'select.unit');
    unitSelect.value = UNIT;
    unitSelect.dispatchEvent(new Event('change'));
    await until(() => config.shadowRoot!.querySelector('form.config') && inside(config, 'kmzb-map').getAttribute('unit') === UNIT);
    const form = inside<HTMLFormElement>(config, 'form.config');
    const changed = (field: Element) => field.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    const own = form.querySelector<HTMLInputElement>('input[name="ownCategories"]')!;
    own.click();
    await config.updateComplete;
    for (const box of form.querySelectorAll<HTMLInputElement>('input[name="categories"]')) {
      box.checked = ENABLED.includes(box.value);
      changed(box);
    }
    const period = form.querySelector<HTMLSelectElement>('select[name="timeWindowDays"]')!;
    period.value = '7';
    changed(period);
    form.querySelector<HTMLInputElement>('input[name="ownAccent"]')!.click();
    await config.updateComplete;
    const colour = form.querySelector<HTMLInputElement>('input[name="accentColor"]')!;
    colour.value = '#aa0000';
    colour.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    const photos = form.querySelector<HTMLSelectElement>('select[name="photos"]')!;
    photos.value = 'off';
    changed(photos);
    const origins = form.querySelector<HTMLTextAreaElement>('textarea[name="allowedOrigins"]')!;
    origins.value = `${SITE}\n${location.origin}`;
    origins.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await config.updateComplete;
    inside<HTMLButtonElement>(config, 'form.config button[type="submit"]').click();
    await until(() => liveText(el) === 'Zapisano konfigurację widżetu.', `not saved: ${config.shadowRoot!.querySelector('.error')?.textContent}`);

    // The webmaster's page, on its own origin, with the unchanged snippet: the settings are there.
    const after = await embedAndLook();
    expect(after.filterCategories.sort()).to.deep.equal(ENABLED);
    expect(after.formCategories.sort()).to.deep.equal(ENABLED);
    expect(after.filterSummary).to.equal('wszystkie rodzaje, wszystkie statusy, ostatnie 7 dni');
    expect(after.accent).to.equal('rgb(170, 0, 0)');
    expect(after.legendCategories.sort(), 'the legend names only the enabled categories').to.deep.equal(ENABLED);
    expect(after.photoField).to.equal(false);

    // A disabled category cannot be reported, whatever the client.
    const refused = await fetch(ApiPath.reports, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [DEVICE_HEADER]: randomToken() },
      body: JSON.stringify({ ...POINT, category: 'begging', source: 'citizen' }),
    });
    expect(refused.status).to.equal(422);
    expect((await refused.json()).code).to.equal('CATEGORY_DISABLED');
  });
});
