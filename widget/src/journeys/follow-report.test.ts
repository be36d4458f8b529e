import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { apiPath, StaffPath } from '../../../common/api.js';
import type { ReportCreated } from '../../../common/schemas/report.js';
import type { StaffReport } from '../../../common/schemas/staff.js';
import { MY_REPORTS_KEY } from '../api/my-reports.js';
import type { KmzbMap } from '../components/kmzb-map/kmzb-map.component.js';
import { $, button, click, freshDevice, mountReport, placeStatus, waitForStep } from '../components/kmzb-report-form/report-form.fixtures.js';
import { ADMIN } from '../console/console.fixtures.js';

// One story across the parts, against the real server (web-test-runner.config.mjs): a citizen
// sends a report in the widget, an officer answers with a public note, and the citizen follows
// it by the private tracking link, on the server's tracking page and in the widget itself.

const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const PUBLIC_NOTE = 'Przekazano dzielnicowemu, sprawdzi miejsce w tym tygodniu.';

/** The tracking view of a `<kmzb-map>`, once its report (or why not) is shown. */
async function trackView(el: KmzbMap): Promise<ShadowRoot> {
  await waitUntil(() => el.shadowRoot!.querySelector('kmzb-report-track')?.shadowRoot?.querySelector('dl, [role="alert"]'), 'the tracking view showed nothing', { timeout: 8000 });
  return el.shadowRoot!.querySelector('kmzb-report-track')!.shadowRoot!;
}

/** The officer's answer, through the staff API as the console sends it. */
async function officerAnswers(id: string): Promise<void> {
  const login = await fetch(StaffPath.session, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: ADMIN.login, password: ADMIN.password }) });
  expect(login.status, 'staff login').to.equal(200);
  const report = (await (await fetch(apiPath(StaffPath.report, { id }))).json()) as StaffReport;
  const changed = await fetch(apiPath(StaffPath.reportStatus, { id }), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ status: 'verifying', publicNote: PUBLIC_NOTE, internalNote: 'Tylko dla Policji.', version: report.version }),
  });
  expect(changed.status, await changed.clone().text()).to.equal(200);
  await fetch(StaffPath.session, { method: 'DELETE' });
}

describe('journey: the citizen follows their report', function () {
  this.timeout(40000);
  beforeEach(freshDevice);

  it('gets a tracking link that shows the officer\'s new status and public note, on the tracking page and in the widget', async () => {
    // The citizen reports in Myślenice (in the scope of the fixture admin of kwp-krakow).
    const { el, form } = await mountReport('kpp-myslenice');
    await click($(el, 'canvas')!);
    expect(await placeStatus(form)).to.contain('Myślenicach');
    await click(button(form, 'Dalej'));
    await waitForStep(form, 'category');
    await click($(form, 'input[value="illegal_dump"]')!.closest('label')!);
    await click(button(form, 'Dalej'));
    await waitForStep(form, 'details');
    await click(button(form, 'Wyślij zgłoszenie'));
    await waitForStep(form, 'sent');

    const created = form.created as ReportCreated;
    const link = $<HTMLAnchorElement>(form, 'a[part="tracking-link"]')!;
    expect(link.href).to.equal(created.trackingUrl);
    const url = new URL(created.trackingUrl);
    expect(url.pathname).to.equal(`/r/${created.id}`);
    expect(url.hash).to.equal(`#token=${created.trackingToken}`);
    // "Show the status of the report", right after sending: the tracking view in the widget.
    $<HTMLButtonElement>(form, 'button.track')!.click();
    const first = await trackView(el);
    expect(el.view).to.equal('track');
    expect(text(first.querySelector('.status'))).to.equal('Nowe');

    await officerAnswers(created.id);

    // Back in the widget on this device: "my reports" marks the change.
    const again = await mountReport('kpp-myslenice');
    const mine = again.el;
    const list = await waitUntil(() => $(again.form, 'kmzb-my-reports'), 'no my reports').then(() => $(again.form, 'kmzb-my-reports')!);
    await waitUntil(() => text(list.shadowRoot!.querySelector(`li[data-id="${created.id}"] .status`)) === 'Weryfikacja', 'no status in my reports');
    expect(text(list.shadowRoot!.querySelector(`li[data-id="${created.id}"] .changed`))).to.equal('nowy status');
    // The tracking link on another device: the server's page, in a window of its own (the page
    // refuses to be framed: frame-ancestors 'none'), here on the test server's origin.
    const tab = window.open(`${location.origin}${url.pathname}${url.hash}`, '_blank', 'width=420,height=800')!;
    expect(tab, 'the tracking page opened').to.exist;
    try {
      await waitUntil(() => tab.document?.querySelector('kmzb-map')?.shadowRoot, 'the tracking page has no widget', { timeout: 10000 });
      expect(tab.document.title).to.equal(`Zgłoszenie ${created.id} · KMZB`);
      const page = await trackView(tab.document.querySelector<KmzbMap>('kmzb-map')!);
      expect(text(page.querySelector('.status'))).to.equal('Weryfikacja');
      expect(text(page.querySelector('.unit'))).to.equal('Komenda Powiatowa Policji w Myślenicach');
      expect([...page.querySelectorAll('.history .note')].map((n) => text(n))).to.deep.equal([`Informacja Policji: ${PUBLIC_NOTE}`]);
      expect(page.textContent, 'the internal note stays inside the police').to.not.contain('Tylko dla Policji');
      // The same link to copy (its base is the widget's API: the sources' folder on this test server).
      const copy = new URL(page.querySelector<HTMLInputElement>('.link input')!.value);
      expect([copy.pathname.endsWith(url.pathname), copy.hash]).to.deep.equal([true, url.hash]);
    } finally {
      tab.close();
    }

    // And it opens the status in the widget itself.
    list.shadowRoot!.querySelector<HTMLButtonElement>(`li[data-id="${created.id}"] button.track`)!.click();
    const inWidget = await trackView(mine);
    expect(mine.view).to.equal('track');
    expect(text(inWidget.querySelector('.status'))).to.equal('Weryfikacja');
    expect(text(inWidget.querySelector('.history .note'))).to.contain(PUBLIC_NOTE);
    await expect(mine).to.be.accessible();
    // Seen now: no longer marked.
    const [remembered] = JSON.parse(localStorage.getItem(MY_REPORTS_KEY)!);
    expect(remembered.seenStatus).to.equal('verifying');
  });

  it('says what is wrong with a tracking link that lost its token or does not match', async () => {
    const noToken = await fixture<KmzbMap>(html`<kmzb-map view="track" report="ABCDEFGHJK" basemap="none" api=${location.origin}></kmzb-map>`);
    expect(text((await trackView(noToken)).querySelector('[role="alert"]'))).to.equal(
      'W tym linku brakuje kodu śledzenia. Otwórz link z potwierdzenia zgłoszenia w całości.',
    );
    const wrong = await fixture<KmzbMap>(
      html`<kmzb-map view="track" report="ABCDEFGHJK" token=${'x'.repeat(43)} basemap="none" api=${location.origin}></kmzb-map>`,
    );
    expect(text((await trackView(wrong)).querySelector('[role="alert"]'))).to.equal('Ten link do śledzenia jest nieprawidłowy. Sprawdź, czy został skopiowany w całości.');
    await expect(wrong).to.be.accessible();
  });
});
