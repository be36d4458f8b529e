import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { ReportView } from '../../../../common/schemas/report.js';
import { DEVICE_KEY, randomToken } from '../../api/device.js';
import { MY_REPORTS_KEY } from '../../api/my-reports.js';
import type { KmzbReportSubmittedDetail } from '../../events.js';
import type { KmzbReportForm } from './kmzb-report-form.component.js';
import {
  $,
  api,
  button,
  centre,
  click,
  focused,
  freshDevice,
  mountReport,
  placeStatus,
  reportViaApi,
  tabTo,
  waitForStep,
} from './report-form.fixtures.js';

describe('<kmzb-map view="report">', () => {
  beforeEach(freshDevice);

  it('takes a full report by mouse: pin, unit, category, details, then the id, the event and a trackable report', async () => {
    const { el, form } = await mountReport('kmp-olsztyn');
    const events: CustomEvent<KmzbReportSubmittedDetail>[] = [];
    el.addEventListener('kmzb-report-submitted', (e) => events.push(e));
    expect($(form, '.urgent')!.textContent).to.contain('112').and.contain('997');
    expect($(form, '.step-of')!.textContent).to.equal('Krok 1 z 3');

    await click($(el, 'canvas')!); // the middle of the city's fitted area
    expect(await placeStatus(form)).to.equal('Zgłoszenie trafi do: Komenda Miejska Policji w Olsztynie.');
    const pin = form.pin!;
    await click(button(form, 'Dalej'));

    await waitForStep(form, 'category');
    expect(focused(el)).to.equal($(form, '#step-heading'));
    expect($(form, '.step-of')!.textContent).to.equal('Krok 2 z 3');
    await click($(form, 'input[value="illegal_parking"]')!.closest('label')!);
    await click(button(form, 'Dalej'));

    await waitForStep(form, 'details');
    expect($(form, '.urgent')!.textContent).to.contain('112');
    await click($(form, '#description')!);
    await sendKeys({ type: 'Auta na chodniku' });
    expect($(form, '#description-count')!.textContent).to.equal('16 z 500 znaków');
    await click($(form, '#day-sat')!);
    await click(button(form, 'Wyślij zgłoszenie'));

    await waitForStep(form, 'sent');
    const id = $(form, '.report-id')!.textContent!.match(/^Numer zgłoszenia: ([0-9A-Z]{10})$/)![1]!;
    expect(events.map((e) => [e.detail.id, e.detail.unit.id, e.bubbles, e.composed])).to.deep.equal([[id, 'kmp-olsztyn', true, true]]);

    const [mine] = JSON.parse(localStorage.getItem(MY_REPORTS_KEY)!);
    expect(mine.id).to.equal(id);
    const view: ReportView = await (await fetch(`${api}/api/v1/reports/${id}?token=${mine.token}`)).json();
    expect([view.category, view.status, view.unit.id]).to.deep.equal(['illegal_parking', 'new', 'kmp-olsztyn']);
    expect(view.lon).to.be.closeTo(pin[0], 1e-9);
    expect(view.lat).to.be.closeTo(pin[1], 1e-9);
    // The device's list shows the status the API reports.
    await waitUntil(() => $($(form, 'kmzb-my-reports')!, `li[data-id="${id}"] .status`)?.textContent === 'Nowe', 'no status in my reports');
  });

  it('takes a full report by keyboard alone: arrows pan, Enter drops the pin at the centre, Tab/Enter/Space through the steps', async () => {
    const { el, form } = await mountReport('kpp-wejherowo');
    const map = $(el, '#map')!;
    await tabTo(el, map);
    expect($(el, '#keys')!.textContent).to.contain('Enter lub spacja stawia pinezkę');
    const zoomed = new Promise((resolve) => el.map!.once('moveend', resolve));
    await sendKeys({ press: '+' }); // closer, so a pan stays within the powiat
    await zoomed;
    const before = centre(el);
    const moved = new Promise((resolve) => el.map!.once('moveend', resolve));
    await sendKeys({ press: 'ArrowDown' });
    await moved;
    expect(centre(el)[1]).to.be.lessThan(before[1]);

    await sendKeys({ press: 'Enter' });
    expect(await placeStatus(form)).to.equal('Zgłoszenie trafi do: Komenda Powiatowa Policji w Wejherowie.');
    expect(form.pin![0]).to.be.closeTo(centre(el)[0], 1e-9);
    expect(form.pin![1]).to.be.closeTo(centre(el)[1], 1e-9);

    await tabTo(el, button(form, 'Dalej'));
    await sendKeys({ press: 'Enter' });
    await waitForStep(form, 'category');
    expect(focused(el)).to.equal($(form, '#step-heading'));

    await sendKeys({ press: 'Tab' }); // into the radio group: the first category
    expect(focused(el)).to.equal($(form, '#category-first'));
    await sendKeys({ press: 'ArrowDown' }); // the next one, checked by the arrow
    // The space key as ' ' (its key value), not 'Space' (its code): puppeteer's WebDriver BiDi
    // keyboard (Firefox) knows only key values; Chromium's takes both.
    await sendKeys({ press: ' ' });
    expect(form.category).to.equal('illegal_parking');
    await tabTo(el, button(form, 'Dalej'));
    await sendKeys({ press: 'Enter' });

    await waitForStep(form, 'details');
    expect(focused(el)).to.equal($(form, '#step-heading'));
    await sendKeys({ press: 'Tab' });
    expect(focused(el)).to.equal($(form, '#description'));
    await sendKeys({ type: 'Parkują na przejściu' });
    await tabTo(el, $(form, '#time-evening')!);
    await sendKeys({ press: ' ' });
    await tabTo(el, button(form, 'Wyślij zgłoszenie'));
    await sendKeys({ press: 'Enter' });

    await waitForStep(form, 'sent');
    expect(focused(el)).to.equal($(form, '#step-heading'));
    expect($(form, '#step-heading')!.textContent).to.equal('Dziękujemy, zgłoszenie zostało wysłane');
    expect($(form, '.report-id')!.textContent).to.match(/^Numer zgłoszenia: [0-9A-Z]{10}$/);
  });

  it('offers "I see it too" for an open report of the same category nearby, and confirming counts', async () => {
    const { el, form } = await mountReport('kwp-olsztyn');
    const [lon, lat] = centre(el);
    const existing = await reportViaApi({ lon: lon + 0.0005, lat, category: 'stray_dogs' });

    $(el, '#map')!.focus();
    await sendKeys({ press: 'Enter' });
    await placeStatus(form);
    await click(button(form, 'Dalej'));
    await waitForStep(form, 'category');
    await click($(form, 'input[value="stray_dogs"]')!.closest('label')!);
    await click(button(form, 'Dalej'));

    await waitForStep(form, 'duplicates');
    expect(form.nearby.map((r) => r.id)).to.deep.equal([existing.id]);
    await expect(el).to.be.accessible();
    const item = $(form, '.nearby li')!;
    expect(item.textContent).to.contain('Wałęsające się bezpańskie psy').and.contain('m od wskazanego miejsca');
    const confirm = item.querySelector('button')!;
    expect(confirm.getAttribute('aria-label')).to.match(/^Też to widzę: zgłoszenie \d+ m od wskazanego miejsca$/);
    await click(confirm);

    await waitForStep(form, 'confirmed');
    expect(form.shadowRoot!.textContent).to.contain('Liczba potwierdzeń: 1.');
    await expect(el).to.be.accessible();
    const view: ReportView = await (await fetch(`${api}/api/v1/reports/${existing.id}?token=${existing.trackingToken}`)).json();
    expect(view.confirmations).to.equal(1);
  });

  it('explains the daily limit with the time of the next possible report when another tab reported meanwhile', async () => {
    const device = randomToken();
    localStorage.setItem(DEVICE_KEY, device);
    const { el, form } = await mountReport('pl');
    // The form opened while this device could still report (no refusal before typing) ...
    await waitUntil(() => form.allowance, 'the allowance was not asked for');
    expect(form.allowance!.report.allowed).to.equal(true);
    // ... and another tab of the same device reported while the citizen was filling it in.
    const first = await reportViaApi({ lon: 21.01, lat: 52.23, category: 'begging' }, device);
    $(el, '#map')!.focus();
    await sendKeys({ press: 'Enter' });
    await placeStatus(form);
    await click(button(form, 'Dalej'));
    await waitForStep(form, 'category');
    await click($(form, 'input[value="grass_burning"]')!.closest('label')!);
    await click(button(form, 'Dalej'));
    await waitForStep(form, 'details');
    await click(button(form, 'Wyślij zgłoszenie'));

    await waitUntil(() => form.errors.form, 'no refusal shown');
    await form.updateComplete;
    const retryAt = new Date(Date.parse(first.createdAt) + 86_400_000); // a day after the first report
    const time = retryAt.toLocaleTimeString('pl-PL', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    const alert = $(form, '#form-error')!;
    expect(alert.getAttribute('role')).to.equal('alert');
    expect(alert.textContent).to.equal(`Z jednego urządzenia można zgłosić jedno zagrożenie na dobę. Kolejne zgłoszenie będzie możliwe jutro o ${time}.`);
    expect(form.step).to.equal('details');
    expect(button(form, 'Wyślij zgłoszenie').disabled).to.equal(false);
  });

  it('lists the reports of this device with their current status', async () => {
    const created = await reportViaApi({ lon: 18.6, lat: 54.35, category: 'vandalism' });
    localStorage.setItem(MY_REPORTS_KEY, JSON.stringify([{ id: created.id, token: created.trackingToken, createdAt: created.createdAt }]));
    const { form } = await mountReport('pl', 'en');
    const details = $<HTMLDetailsElement>(form, 'details.mine')!;
    expect(details.querySelector('summary')!.textContent).to.equal('My reports');
    details.open = true;
    const list = details.querySelector('kmzb-my-reports')!;
    await waitUntil(() => $(list, `li[data-id="${created.id}"] .status`)?.textContent === 'New', 'no status');
    await expect(form).to.be.accessible();
  });

  it('opens from the "Zgłoś zagrożenie" button and goes back, announcing the view and moving focus', async () => {
    const { el } = await mountReport('kmp-olsztyn');
    el.view = 'map';
    await el.updateComplete;
    expect($(el, 'kmzb-report-form')).to.equal(null);
    expect(el.map!.getAllLayers().map((layer) => layer.get('name'))).to.deep.equal(['area', 'reports']); // the pin layer went with the form

    const opened = oneEvent(el, 'kmzb-view-change');
    await click($(el, '#view-button')!);
    expect((await opened).detail).to.deep.equal({ view: 'report' });
    // The place comes first: focus goes to the map, with a short instruction over it.
    await waitUntil(() => $(el, 'kmzb-report-form') && focused(el)?.id === 'map', 'focus not on the map');
    expect($(el, '.instruction')!.textContent).to.contain('strzałkami');
    // Enter drops the pin under the crosshair; Tab goes on from the map to the form's place
    // controls and "Dalej", never out of the widget.
    const form = $<KmzbReportForm>(el, 'kmzb-report-form')!;
    await sendKeys({ press: 'Enter' });
    await placeStatus(form);
    for (const target of [$(form, '#my-location')!, button(form, 'Dalej')]) {
      for (let i = 0; i < 10 && focused(el) !== target; i++) {
        await sendKeys({ press: 'Tab' });
        expect(document.activeElement === el, `focus stays in the widget (${document.activeElement?.localName})`).to.equal(true);
      }
      expect(focused(el) === target, `focus on ${target.id || target.textContent} (is on ${focused(el)?.outerHTML.slice(0, 60)})`).to.equal(true);
    }
    expect($(el, '.instruction'), 'the instruction went with the pin').to.equal(null);

    const closed = oneEvent(el, 'kmzb-view-change');
    await click($(el, '#view-button')!);
    expect((await closed).detail).to.deep.equal({ view: 'map' });
    expect(focused(el)).to.equal($(el, '#view-button'));
    expect($(el, '#view-button')!.textContent!.trim()).to.equal('Zgłoś zagrożenie');
  });

  it('shows the map for an unknown view and for stats (not built yet)', async () => {
    const { el } = await mountReport('kmp-olsztyn');
    for (const view of ['stats', 'nonsense']) {
      el.view = view;
      await el.updateComplete;
      expect($(el, 'kmzb-report-form'), view).to.equal(null);
    }
  });
});
