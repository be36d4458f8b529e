import { expect } from '@open-wc/testing';
import type { LitElement } from 'lit';
import { ApiPath, apiPath } from '../../../../common/api.js';
import { staffApi } from '../api/staff-client.js';
import { ADMIN } from '../console.fixtures.js';
import { enterReport, fillForm, inside, liveText, loggedInAs, openScreen, submitForm, until } from '../console-test-helpers.js';
import type { KmzbConsole } from '../kmzb-console/kmzb-console.component.js';
import type { ConsoleReport } from './console-report.component.js';

/**
 * The report page's duplicate link, through the UI: "Oznacz jako duplikat" hides the report as
 * a duplicate of another and links to the original; a bad original is refused with the reason.
 * And going from one report to another on the same page: nothing of the old one stays, nor comes
 * back late. Every test enters its own reports (in kpp-myslenice, away from the map fixture's).
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
const hasError = (page: ConsoleReport) => errorOf(page) !== null;
const heading = (page: ConsoleReport) => page.shadowRoot!.querySelector('h2')?.textContent ?? '';
const description = (page: ConsoleReport) => page.shadowRoot!.querySelector('.description')?.textContent ?? '';
const has = (page: ConsoleReport, selector: string) => page.shadowRoot!.querySelector(selector) !== null;

/** Switches the console's language with its own select, as the reader would. */
function chooseLanguage(el: KmzbConsole, lang: string): void {
  const select = inside<HTMLSelectElement>(el, '.lang select');
  select.value = lang;
  select.dispatchEvent(new Event('change'));
}

/** A slow network for some requests: see hold(). */
interface Held {
  /** How many matching requests the page has made so far. */
  requested(): number;
  /** How many of them have been answered to the page. */
  answered(): number;
  /** Lets the held answers through. */
  release(): void;
}

let restoreFetch: (() => void) | undefined;

/**
 * Holds back the answers to the page's requests that `matches` (method and path) until
 * release(), as a slow network would; every other request goes through. Undone after each test.
 */
function hold(matches: (method: string, path: string) => boolean): Held {
  const realFetch = window.fetch;
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let requested = 0;
  let answered = 0;
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input), location.href);
    if (!matches((init?.method ?? 'GET').toUpperCase(), url.pathname)) return realFetch(input, init);
    requested++;
    const response = await realFetch(input, init);
    const body = await response.text();
    await released;
    answered++;
    return new Response(body, { status: response.status, headers: response.headers });
  };
  restoreFetch = () => (window.fetch = realFetch);
  return { requested: () => requested, answered: () => answered, release };
}

/** Gives a held answer that has reached the page time to do whatever it would do. */
async function settle(page: ConsoleReport): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 100));
  await page.updateComplete;
}

describe('<console-report> duplicate link', () => {
  afterEach(() => {
    restoreFetch?.();
    restoreFetch = undefined;
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
    expect(field.hasAttribute('aria-invalid'), 'aria-invalid before any error').to.equal(false);

    // A report already hidden as a duplicate cannot be an original.
    fillForm(form, { original: hidden.id });
    submitForm(form);
    await until(() => errorOf(page), 'no error under the field');
    expect(errorOf(page)!.textContent).to.equal('Tego zgłoszenia nie można oznaczyć jako duplikatu wskazanego.');
    expect(errorOf(page)!.getAttribute('role')).to.equal('alert');
    expect(field.getAttribute('aria-describedby')).to.equal('duplicate-error');
    expect(field.getAttribute('aria-invalid')).to.equal('true');
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

  it('puts a refusal into the language the reader switches to, without asking again', async () => {
    const el = await loggedInAs(ADMIN);
    const report = await enterReport('Rower przypięty do barierki na moście.');
    const { page, form } = await openDuplicateForm(el, report.id);
    fillForm(form, { original: report.id });
    submitForm(form);
    await until(() => errorOf(page)?.textContent === 'Tego zgłoszenia nie można oznaczyć jako duplikatu wskazanego.',
      `no Polish error: "${errorOf(page)?.textContent}"`);

    chooseLanguage(el, 'en');
    await until(() => errorOf(page)?.textContent === 'This report cannot be marked as a duplicate of that one.',
      `the error stayed: "${errorOf(page)?.textContent}"`);
    chooseLanguage(el, 'uk');
    await until(() => errorOf(page)?.textContent === 'Це повідомлення не можна позначити як дублікат вказаного.',
      `the error stayed: "${errorOf(page)?.textContent}"`);
    chooseLanguage(el, 'pl');
    await until(() => errorOf(page)?.textContent === 'Tego zgłoszenia nie można oznaczyć jako duplikatu wskazanego.',
      `the error stayed: "${errorOf(page)?.textContent}"`);
    expect(inside<HTMLInputElement>(page, 'input[name="original"]').getAttribute('aria-invalid')).to.equal('true');

    // The same for a report that cannot be shown at all.
    const missing = await openScreen<ConsoleReport>(el, '#report/ZZZZZZZZZZ', 'console-report');
    const alert = () => missing.shadowRoot!.querySelector('[role="alert"]')?.textContent ?? '';
    await until(() => alert() === 'Nie znaleziono zgłoszenia.', `no not-found alert: "${alert()}"`);
    chooseLanguage(el, 'en');
    await until(() => alert() === 'The report was not found.', `the alert stayed: "${alert()}"`);
  });
});

describe('<console-report> going from one report to another', () => {
  afterEach(() => {
    restoreFetch?.();
    restoreFetch = undefined;
    location.hash = '';
    document.documentElement.lang = 'pl';
  });

  it('drops the old report at once: loading under the new heading, no old error, number nor dialog', async () => {
    const el = await loggedInAs(ADMIN);
    const first = await enterReport('Pierwsze: hulajnogi na chodniku.');
    const second = await enterReport('Drugie: auto na trawniku.');
    const { page, form } = await openDuplicateForm(el, first.id);

    // The first report's page in full use: a refused number typed in, and the status dialog open.
    fillForm(form, { original: first.id });
    submitForm(form);
    await until(() => hasError(page), 'no error under the field');
    inside<HTMLButtonElement>(page, 'button.change-status').click();
    const oldDialog = inside<LitElement>(page, 'console-status-dialog');
    await oldDialog.updateComplete;
    await until(() => inside<HTMLDialogElement>(oldDialog, 'dialog').open, 'the status dialog did not open');

    // The second report answers only when let through, so what shows meanwhile can be seen.
    const held = hold((method, path) => method === 'GET' && path.endsWith(`/staff/reports/${second.id}`));
    location.hash = `#report/${second.id}`;
    await until(() => heading(page) === `Zgłoszenie ${second.id}`, `the heading stayed: ${heading(page)}`);
    expect(inside(el, 'main > console-report') === page, 'the same element').to.equal(true);
    await until(() => held.requested() === 1, 'the second report was not asked for');
    expect(has(page, 'dl'), 'old details under the new heading').to.equal(false);
    expect(description(page), 'old description').to.equal('');
    expect(hasError(page), 'old error').to.equal(false);
    expect(has(page, 'form.duplicate'), 'old duplicate form').to.equal(false);
    expect(oldDialog.shadowRoot!.querySelector('dialog')!.open, 'the status dialog still open').to.equal(false);
    expect(page.shadowRoot!.textContent).to.contain('Wczytywanie…');

    held.release();
    await until(() => description(page) === 'Drugie: auto na trawniku.', `the second never showed: "${description(page)}"`);
    expect(detail(page, 'Status')).to.equal('Nowe');
    expect(hasError(page), 'an error').to.equal(false);
    const field = inside<HTMLInputElement>(page, 'input[name="original"]');
    expect(field.value, 'the number typed for the first').to.equal('');
    expect(field.hasAttribute('aria-invalid'), 'aria-invalid').to.equal(false);
    expect(field.hasAttribute('aria-describedby'), 'aria-describedby').to.equal(false);
    expect(inside<HTMLDetailsElement>(page, 'details').open, 'the form unfolded').to.equal(false);
    const dialogs = [...page.shadowRoot!.querySelectorAll('console-status-dialog')];
    expect(dialogs.some((d) => d.shadowRoot?.querySelector('dialog')?.open), 'an open status dialog').to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('ignores an answer that comes late for the old report', async () => {
    const el = await loggedInAs(ADMIN);
    const first = await enterReport('Pierwsze, wolne: śmieci przy altanie.');
    const second = await enterReport('Drugie, szybkie: zepsuta latarnia.');
    const held = hold((method, path) => method === 'GET' && path.endsWith(`/staff/reports/${first.id}`));
    const page = await openScreen<ConsoleReport>(el, `#report/${first.id}`, 'console-report');
    await until(() => held.requested() === 1, 'the first report was not asked for');

    location.hash = `#report/${second.id}`;
    await until(() => description(page) === 'Drugie, szybkie: zepsuta latarnia.', `the second never showed: "${description(page)}"`);
    held.release();
    await until(() => held.answered() === 1, 'the first answer never came');
    await settle(page);
    expect(heading(page)).to.equal(`Zgłoszenie ${second.id}`);
    expect(description(page), 'the late answer shown').to.equal('Drugie, szybkie: zepsuta latarnia.');
  });

  it('ignores a late refusal of the old report\'s duplicate link', async () => {
    const el = await loggedInAs(ADMIN);
    const first = await enterReport('Pierwsze: graffiti na przystanku.');
    const second = await enterReport('Drugie: wywrócony kosz.');
    const { page, form } = await openDuplicateForm(el, first.id);
    const held = hold((method, path) => method === 'POST' && path.endsWith(`/staff/reports/${first.id}/duplicate-of`));
    fillForm(form, { original: first.id });
    submitForm(form);
    await until(() => held.requested() === 1, 'the link was not sent');

    location.hash = `#report/${second.id}`;
    await until(() => description(page) === 'Drugie: wywrócony kosz.', `the second never showed: "${description(page)}"`);
    held.release();
    await until(() => held.answered() === 1, 'the refusal never came');
    await settle(page);
    expect(hasError(page), 'the first report\'s refusal under the second').to.equal(false);
    expect(inside<HTMLInputElement>(page, 'input[name="original"]').hasAttribute('aria-invalid')).to.equal(false);
  });
});
