import { expect } from '@open-wc/testing';
import { StaffPath } from '../../../../common/api.js';
import type { StaffReportCreated } from '../../../../common/schemas/staff.js';
import { ADMIN, CONSOLE_POINT } from '../console.fixtures.js';
import { inside, loggedInAs, openScreen, until } from '../console-test-helpers.js';
import type { ConsoleReport } from './console-report.component.js';

/** A report entered through the staff API with these fields (the caller is signed in). */
async function enter(fields: Record<string, unknown>): Promise<StaffReportCreated> {
  const response = await fetch(StaffPath.reports, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ source: 'contact', category: 'illegal_parking', ...CONSOLE_POINT, ...fields }),
  });
  if (response.status !== 201) throw new Error(`report not entered: ${response.status} ${await response.text()}`);
  return (await response.json()) as StaffReportCreated;
}

const text = (page: ConsoleReport, selector: string) => page.shadowRoot!.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('<console-report> place and facts', () => {
  afterEach(() => {
    location.hash = '';
    document.documentElement.lang = 'pl';
  });

  it('maps the place with the unit outline and nearby open reports as possible duplicates, and says the recurrence and routing in words', async () => {
    const el = await loggedInAs(ADMIN);
    const report = await enter({ description: 'Z mapą.', recurrence: { days: ['mon'], times: ['evening'] } });
    // ~110 m north: a possible duplicate.
    const neighbour = await enter({ category: 'vandalism', lat: CONSOLE_POINT.lat + 0.001 });
    const page = await openScreen<ConsoleReport>(el, `#report/${report.id}`, 'console-report');
    await until(() => page.shadowRoot!.querySelector('.recurrence'), 'the report never loaded');

    expect(text(page, '.recurrence')).to.equal('Powtarza się w poniedziałki, wieczorem.');
    const dd = (label: string) => [...page.shadowRoot!.querySelectorAll('dt')].find((dt) => dt.textContent === label)?.nextElementSibling?.textContent?.replace(/\s+/g, ' ').trim();
    expect(dd('Powiat')).to.match(/myślenicki \(woj\. małopolskie\)$/);
    expect(dd('Potwierdzenia „Też to widzę”')).to.equal('0');

    // The map: the place, the neighbour as a possible duplicate, the unit's outline.
    const map = page.placeMap;
    await until(() => map.areaLayer.getSource()!.getFeatures().length === 1, 'no unit outline');
    expect(map.areaLayer.getSource()!.getFeatures()[0]!.getId()).to.equal('kpp-myslenice');
    expect(map.placeLayer.getSource()!.getFeatures().map((f) => f.getId())).to.deep.equal([report.id]);
    expect(map.nearbyLayer.getSource()!.getFeatures().map((f) => f.getId())).to.include(neighbour.id);
    expect(map.map!.getLayers().getLength(), 'no basemap in tests').to.equal(3);
    expect(inside(page, '.map').getAttribute('aria-label')).to.contain('możliwe duplikaty');
    // The same neighbours as a list of links.
    const item = inside(page, `ul.nearby li[data-id="${neighbour.id}"]`);
    expect(item.querySelector('a')!.getAttribute('href')).to.equal(`#report/${neighbour.id}`);
    expect(item.textContent!.replace(/\s+/g, ' ')).to.match(/Akty wandalizmu, Nowe, 1(0|1)\d m stąd/);
    await expect(el).to.be.accessible();

    // The recurrence in English and Ukrainian.
    document.documentElement.lang = 'en';
    await until(() => text(page, '.recurrence') === 'Recurs on Mondays, in the evening.', `en: ${text(page, '.recurrence')}`);
    document.documentElement.lang = 'uk';
    await until(() => text(page, '.recurrence') === 'Повторюється по понеділках, увечері.', `uk: ${text(page, '.recurrence')}`);
  });

  it('says that the reporter asked for updates, and never the address', async () => {
    const el = await loggedInAs(ADMIN);
    const device = `wtr-updates-${Date.now().toString(36)}-device`;
    const response = await fetch('/api/v1/reports', {
      method: 'POST', headers: { 'content-type': 'application/json', 'KMZB-Device': device },
      body: JSON.stringify({ category: 'vandalism', ...CONSOLE_POINT, lat: CONSOLE_POINT.lat + 0.003, email: 'mieszkanka@example.pl' }),
    });
    expect(response.status).to.equal(201);
    const { id } = (await response.json()) as { id: string };
    const page = await openScreen<ConsoleReport>(el, `#report/${id}`, 'console-report');
    await until(() => page.shadowRoot!.querySelector('.wants-updates'), 'no word of the updates');
    expect(text(page, '.wants-updates')).to.contain('prosi o powiadomienia');
    expect(page.shadowRoot!.textContent).not.to.contain('mieszkanka@');
    expect(JSON.stringify(await (await fetch(`/api/v1/staff/reports/${id}`)).json())).not.to.contain('mieszkanka@');
  });

  it('lists the dates of the confirmations under their count', async () => {
    const el = await loggedInAs(ADMIN);
    const report = await enter({ lat: CONSOLE_POINT.lat - 0.002 });
    const device = `wtr-confirm-${Date.now().toString(36)}-device`;
    const confirmed = await fetch(`/api/v1/reports/${report.id}/confirmations`, { method: 'POST', headers: { 'KMZB-Device': device } });
    expect(confirmed.status).to.equal(201);
    const page = await openScreen<ConsoleReport>(el, `#report/${report.id}`, 'console-report');
    await until(() => page.shadowRoot!.querySelector('ul.confirmed-at li'), 'no confirmation dates');
    const when = text(page, 'ul.confirmed-at li');
    expect(when).to.contain(String(new Date().getFullYear()));
  });
});
