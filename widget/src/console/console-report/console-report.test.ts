import { expect } from '@open-wc/testing';
import { ApiPath, apiPath } from '../../../../common/api.js';
import { staffApi } from '../api/staff-client.js';
import { ADMIN } from '../console.fixtures.js';
import { enterReport, fillForm, inside, liveText, loggedInAs, openScreen, submitForm, until } from '../console-test-helpers.js';
import type { KmzbConsole } from '../kmzb-console/kmzb-console.component.js';
import type { ConsoleReport } from './console-report.component.js';

/**
 * The report page's duplicate link, through the UI: "Oznacz jako duplikat" hides the report as
 * a duplicate of another and links to the original; a bad original is refused with the reason.
 * Every test enters its own reports (in kpp-myslenice, away from the map fixture's).
 */

/** The report page of `id`, loaded, with the duplicate form unfolded. */
async function openDuplicateForm(el: KmzbConsole, id: string): Promise<{ page: ConsoleReport; form: HTMLFormElement }> {
  const page = await openScreen<ConsoleReport>(el, `#report/${id}`, 'console-report');
  await until(() => page.shadowRoot!.querySelector('h2')?.textContent === `Zgłoszenie ${id}` && page.shadowRoot!.querySelector('form.duplicate'),
    `the page of ${id} never offered the duplicate form`);
  inside(page, 'details summary').click();
  await page.updateComplete;
  expect(inside<HTMLDetailsElement>(page, 'details').open).to.equal(true);
  return { page, form: inside<HTMLFormElement>(page, 'form.duplicate') };
}

/** The public answer for `id`, past the browser's cache (public answers may be cached briefly). */
const publicStatus = async (id: string) => (await fetch(apiPath(ApiPath.report, { id }), { cache: 'no-store' })).status;
const details = (page: ConsoleReport) => inside(page, 'dl').textContent!.replace(/\s+/g, ' ');
/** The value beside `label` in the details list ('' when the label is not there). */
const detail = (page: ConsoleReport, label: string) =>
  [...page.shadowRoot!.querySelectorAll('dl dt')].find((dt) => dt.textContent === label)?.nextElementSibling?.textContent?.trim() ?? '';
const hasForm = (page: ConsoleReport) => page.shadowRoot!.querySelector('form.duplicate') !== null;
// Assertions compare text, never elements: a failing one on an element stalls the test runner.
const errorOf = (page: ConsoleReport) => page.shadowRoot!.querySelector('#duplicate-error');

describe('<console-report> duplicate link', () => {
  afterEach(() => {
    location.hash = '';
    document.documentElement.lang = 'pl';
  });

  it('marks a report as a duplicate: hidden, linked to its original, gone from public view', async () => {
    const el = await loggedInAs(ADMIN);
    const original = await enterReport('Samochód blokuje wjazd do szkoły.');
    const duplicate = await enterReport('Znowu auto przed szkołą.');
    expect(await publicStatus(duplicate.id), 'public before').to.equal(200);

    const { page, form } = await openDuplicateForm(el, duplicate.id);
    expect(detail(page, 'Status')).to.equal('Nowe');
    expect(detail(page, 'Duplikat zgłoszenia')).to.equal('');
    await expect(el).to.be.accessible();

    // Typed in lower case, as an officer might copy it: the page sends it upper case.
    const note = `Zgłoszenie połączone z ${original.id}.`;
    fillForm(form, { original: original.id.toLowerCase(), publicNote: note });
    submitForm(form);
    await until(() => liveText(el) === `Oznaczono jako duplikat zgłoszenia ${original.id}.`, `no announcement: "${liveText(el)}"`);
    await until(() => detail(page, 'Status') === 'Ukryte przez moderację', `not shown as hidden: ${details(page)}`);

    const link = inside<HTMLAnchorElement>(page, `dd a[href="#report/${original.id}"]`);
    expect(link.textContent).to.equal(original.id);
    expect(detail(page, 'Duplikat zgłoszenia')).to.equal(original.id);
    // A hidden duplicate cannot be linked again nor hidden again.
    expect(hasForm(page), 'a duplicate form').to.equal(false);
    expect(inside<HTMLButtonElement>(page, 'button.hide').hidden).to.equal(true);
    const last = [...page.shadowRoot!.querySelectorAll('ol.history > li')].at(-1)!;
    expect(last.querySelector('strong')!.textContent).to.equal('Ukryte przez moderację');
    expect(last.querySelector('.public-note')!.textContent).to.contain(note);
    expect(last.querySelector('.by')!.textContent).to.contain(ADMIN.displayName);
    await expect(el).to.be.accessible();

    const stored = await staffApi.report(duplicate.id);
    expect(stored.status).to.equal('hidden');
    expect(stored.duplicateOf).to.equal(original.id);
    expect(await publicStatus(duplicate.id), 'public after').to.equal(404);
    expect((await staffApi.report(original.id)).status, 'the original is untouched').to.equal('new');

    // The link opens the original, which can still take duplicates.
    link.click();
    await until(() => location.hash === `#report/${original.id}`, `the link went to ${location.hash}`);
    await until(() => page.shadowRoot!.querySelector('.description')?.textContent === 'Samochód blokuje wjazd do szkoły.', 'the original never showed');
    expect(detail(page, 'Status')).to.equal('Nowe');
    expect(hasForm(page), 'no duplicate form').to.equal(true);
  });

  it('refuses a bad original with the reason in the reader\'s language, in an alert tied to the field', async () => {
    const el = await loggedInAs(ADMIN);
    const original = await enterReport('Dziura w chodniku przy przystanku.');
    const hidden = await enterReport('Ta sama dziura, zgłoszona drugi raz.');
    const report = await enterReport('Dziura przy przystanku, trzecie zgłoszenie.');
    await staffApi.duplicateOf(hidden.id, { original: original.id, version: hidden.version });

    const { page, form } = await openDuplicateForm(el, report.id);
    const field = inside<HTMLInputElement>(page, 'input[name="original"]');
    expect(field.hasAttribute('aria-describedby')).to.equal(false);

    // A report already hidden as a duplicate cannot be an original.
    fillForm(form, { original: hidden.id });
    submitForm(form);
    await until(() => errorOf(page), 'no error under the field');
    expect(errorOf(page)!.textContent).to.equal('Tego zgłoszenia nie można oznaczyć jako duplikatu wskazanego.');
    expect(errorOf(page)!.getAttribute('role')).to.equal('alert');
    expect(field.getAttribute('aria-describedby')).to.equal('duplicate-error');
    expect(detail(page, 'Status')).to.equal('Nowe');
    await expect(el).to.be.accessible();

    // Nor can the report itself; this time the reader has switched to English.
    document.documentElement.lang = 'en';
    await until(() => inside(page, 'details summary').textContent === 'Mark as duplicate', 'the page did not switch to English');
    fillForm(form, { original: report.id });
    submitForm(form);
    await until(() => errorOf(page)?.textContent === 'This report cannot be marked as a duplicate of that one.',
      `no English error: "${errorOf(page)?.textContent}"`);
    document.documentElement.lang = 'pl';

    // A well-formed number that does not exist.
    fillForm(form, { original: 'ZZZZZZZZZZ' });
    submitForm(form);
    await until(() => errorOf(page)?.textContent === 'Nie znaleziono zgłoszenia.', `no not-found error: "${errorOf(page)?.textContent}"`);
    expect((await staffApi.report(report.id)).status, 'nothing changed').to.equal('new');

    // The right original clears the error and links.
    fillForm(form, { original: original.id });
    submitForm(form);
    await until(() => detail(page, 'Duplikat zgłoszenia') === original.id, 'not linked after the error');
    expect(detail(page, 'Status')).to.equal('Ukryte przez moderację');
    expect(errorOf(page)?.textContent, 'an error left').to.equal(undefined);
    expect((await staffApi.report(report.id)).duplicateOf).to.equal(original.id);
  });
});
