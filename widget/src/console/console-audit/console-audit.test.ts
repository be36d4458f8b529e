import { expect } from '@open-wc/testing';
import { ADMIN } from '../console.fixtures.js';
import { enterReport, fillForm, inside, loggedInAs, openScreen, submitForm, until } from '../console-test-helpers.js';
import type { ConsoleAudit } from './console-audit.component.js';

/** The audit log in words, filtered by report, action and staff account (on the server). */
describe('<console-audit>', () => {
  afterEach(() => {
    location.hash = '';
  });

  const rows = (audit: ConsoleAudit) => [...audit.shadowRoot!.querySelectorAll<HTMLTableRowElement>('tbody tr')];
  const texts = (tr: HTMLTableRowElement) => [...tr.cells].map((td) => td.textContent!.trim());

  it('says who did what to which report in words, filters by report, action and staff, and links to the report', async () => {
    const el = await loggedInAs(ADMIN);
    const created = await enterReport('Do dziennika.');
    const moved = await fetch(`/api/v1/staff/reports/${created.id}/status`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ status: 'verifying', version: created.version }),
    });
    expect(moved.status).to.equal(200);

    const audit = await openScreen<ConsoleAudit>(el, '#audit', 'console-audit');
    await until(() => rows(audit).length > 0, 'the log never loaded');
    await expect(el).to.be.accessible();
    // No raw JSON anywhere in the table.
    expect(inside(audit, 'table').textContent).not.to.contain('{');

    const form = inside<HTMLFormElement>(audit, 'form.filters');
    fillForm(form, { report: created.id.toLowerCase() });
    submitForm(form);
    await until(() => rows(audit).length === 2 && rows(audit).every((tr) => tr.dataset.action!.startsWith('report.')), 'not filtered by report');
    const [status, entered] = rows(audit).map(texts);
    expect(status!.slice(1, 4)).to.deep.equal([ADMIN.displayName, 'zmienił(a) status: Nowe → Weryfikacja', `zgłoszenie ${created.id}`]);
    expect(entered![2]).to.equal('wprowadził(a) zgłoszenie (kontakt bezpośredni, Nieprawidłowe parkowanie)');
    expect(entered![4]).to.match(/Myślenic/);
    expect(rows(audit)[0]!.querySelector('a')!.getAttribute('href')).to.equal(`#report/${created.id}`);

    fillForm(form, { action: 'report.status' });
    submitForm(form);
    await until(() => rows(audit).length === 1, 'not filtered by action');
    expect(rows(audit)[0]!.dataset.action).to.equal('report.status');

    // Another account: nothing of this report.
    await until(() => (form.elements.namedItem('staff') as HTMLSelectElement).options.length > 1, 'no accounts to filter by');
    const other = [...(form.elements.namedItem('staff') as HTMLSelectElement).options].find((o) => o.value && !o.text.includes(ADMIN.login))!;
    fillForm(form, { action: '', staff: other.value });
    submitForm(form);
    await until(() => rows(audit).every((tr) => !tr.textContent!.includes(created.id)), 'not filtered by staff');
    await expect(el).to.be.accessible();

    fillForm(form, { staff: '', report: created.id });
    submitForm(form);
    await until(() => rows(audit).length === 2, 'not filtered by report again');
    rows(audit)[0]!.querySelector('a')!.click();
    await until(() => location.hash === `#report/${created.id}`, 'the link does not open the report');
  });
});
