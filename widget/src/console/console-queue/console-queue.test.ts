import { expect } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import type { LitElement } from 'lit';
import type { AuditPage, StaffReport } from '../../../../common/schemas/staff.js';
import { ADMIN, OFFICER } from '../console.fixtures.js';
import {
  enterReport, fillForm, inside, liveText, loggedInAs, mountLoggedOut, screen, submitLogin, submitForm, until,
} from '../console-test-helpers.js';
import type { ConsoleReport } from '../console-report/console-report.component.js';
import type { ConsoleQueue } from './console-queue.component.js';

describe('<console-queue>', () => {
  afterEach(async () => {
    location.hash = '';
    await setViewport({ width: 800, height: 600 });
  });

  it('fits a 390 px wide phone: no horizontal scrolling, each report a labelled card', async () => {
    await setViewport({ width: 390, height: 844 });
    const el = await loggedInAs(OFFICER);
    const queue = await screen<ConsoleQueue>(el, 'console-queue');
    await until(() => queue.shadowRoot!.querySelectorAll('tbody tr').length > 3, 'no rows');
    await new Promise((resolve) => requestAnimationFrame(resolve));
    const wide: string[] = [];
    const walk = (root: Document | ShadowRoot) => root.querySelectorAll('*').forEach((e) => {
      if (e.getBoundingClientRect().right > 390) wide.push(`${e.localName}.${e.className}`);
      if (e.shadowRoot) walk(e.shadowRoot);
    });
    walk(document);
    expect(document.documentElement.scrollWidth, `page width; too wide: ${wide.join(' ')}`).to.be.at.most(390);
    expect(queue.scrollWidth, 'queue width').to.be.at.most(queue.clientWidth);
    const table = inside<HTMLTableElement>(queue, 'table');
    expect(table.scrollWidth, 'table width').to.be.at.most(queue.clientWidth);
    // A card's lines say what they are.
    const status = inside(queue, 'tbody tr td[data-label="Status"]');
    // Chromium resolves attr() in the computed `content`; Firefox keeps `attr(data-label) ": "` there
    // (and shows the same label), so either form, with the attribute holding the label.
    expect(['"Status: "', 'attr(data-label) ": "']).to.include(getComputedStyle(status, '::before').content);
    expect(status.dataset.label).to.equal('Status');
    await expect(el).to.be.accessible();
  });

  it('keeps the filter in the URL: applying it writes the hash, and opening that link shows the same filtered queue', async () => {
    const el = await loggedInAs(OFFICER);
    const queue = await screen<ConsoleQueue>(el, 'console-queue');
    const form = inside<HTMLFormElement>(queue, 'form.filters');
    fillForm(form, { status: 'new' });
    (form.elements.namedItem('overdue') as HTMLInputElement).checked = true;
    submitForm(form);
    await until(() => location.hash === '#queue?status=new&overdue=1', `hash: ${location.hash}`);
    const statuses = () => [...queue.shadowRoot!.querySelectorAll('tbody td[data-label="Status"]')].map((td) => td.textContent);
    await until(() => statuses().length > 0 && statuses().every((s) => s === 'Nowe'), 'not filtered');
    const filtered = queue.shadowRoot!.querySelectorAll('tbody tr').length;

    // The link, opened in a new console (a colleague's), shows the same filter and rows.
    const link = location.hash;
    const other = await mountLoggedOut();
    location.hash = link;
    await submitLogin(other, OFFICER.login, OFFICER.password);
    const shared = await screen<ConsoleQueue>(other, 'console-queue');
    await until(() => shared.shadowRoot!.querySelectorAll('tbody tr').length === filtered, 'the shared link shows other rows');
    const sharedForm = inside<HTMLFormElement>(shared, 'form.filters');
    expect((sharedForm.elements.namedItem('status') as HTMLSelectElement).value).to.equal('new');
    expect((sharedForm.elements.namedItem('overdue') as HTMLInputElement).checked).to.equal(true);

    // Clearing goes back to #queue and every row.
    inside<HTMLButtonElement>(shared, 'form.filters button[type="reset"]').click();
    await until(() => location.hash === '#queue', `hash after reset: ${location.hash}`);
    await until(() => shared.shadowRoot!.querySelectorAll('tbody tr').length > filtered, 'not every row after reset');
    expect((sharedForm.elements.namedItem('status') as HTMLSelectElement).value).to.equal('');
  });

  const ids = (queue: ConsoleQueue) => [...queue.shadowRoot!.querySelectorAll<HTMLTableRowElement>('tbody tr')].map((tr) => tr.dataset.id!);
  const pick = (queue: ConsoleQueue, id: string) => inside<HTMLInputElement>(queue, `tr[data-id="${id}"] input.pick`).click();

  it('changes the status of several selected reports with one note, refusing one changed meanwhile, audited per report', async () => {
    const el = await loggedInAs(ADMIN);
    const [a, b, c] = [await enterReport('Zbiorczo 1.'), await enterReport('Zbiorczo 2.'), await enterReport('Zbiorczo 3.')];
    location.hash = '#queue?status=new&unit=kpp-myslenice';
    const queue = await screen<ConsoleQueue>(el, 'console-queue');
    await until(() => [a, b, c].every((r) => ids(queue).includes(r.id)), 'the new reports are not listed');
    for (const r of [a, b, c]) pick(queue, r.id);
    await queue.updateComplete;
    expect(inside(queue, '.selected-count').textContent).to.equal('Zaznaczone: 3');
    // Someone takes c up meanwhile: the queue's version of it is stale now.
    await fetch(`/api/v1/staff/reports/${c.id}/status`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ status: 'verifying', version: c.version }),
    });

    inside<HTMLButtonElement>(queue, 'button.bulk-change').click();
    const bulk = inside<LitElement>(queue, 'console-bulk-status');
    await until(() => inside<HTMLDialogElement>(bulk, 'dialog').open, 'no bulk dialog');
    const offered = [...bulk.shadowRoot!.querySelectorAll<HTMLInputElement>('input[name="status"]')].map((i) => i.value);
    expect(offered).to.deep.equal(['verifying', 'hidden']);
    await expect(bulk).to.be.accessible();
    inside<HTMLInputElement>(bulk, 'input[value="verifying"]').click();
    inside<HTMLTextAreaElement>(bulk, 'textarea[name="publicNote"]').value = 'Sprawdzamy zbiorczo.';
    inside<HTMLButtonElement>(bulk, 'button[type="submit"]').click();
    await until(() => liveText(el).startsWith('Zmieniono status 2 z 3 zgłoszeń.'), `no result: "${liveText(el)}"`);
    expect(liveText(el)).to.contain(`${c.id}: Ktoś w międzyczasie zmienił to zgłoszenie.`);
    // The filter (new) no longer lists them; nothing stays selected.
    await until(() => !ids(queue).includes(a.id) && !ids(queue).includes(b.id), 'the changed reports are still listed as new');
    expect(queue.shadowRoot!.querySelector('.bulk')!.hasAttribute('hidden')).to.equal(true);

    for (const r of [a, b]) {
      const report = (await (await fetch(`/api/v1/staff/reports/${r.id}`)).json()) as StaffReport;
      expect(report.status).to.equal('verifying');
      expect(report.history.at(-1)!.publicNote).to.equal('Sprawdzamy zbiorczo.');
      const audit = (await (await fetch(`/api/v1/staff/audit?report=${r.id}&action=report.status`)).json()) as AuditPage;
      expect(audit.total, `audit entries of ${r.id}`).to.equal(1);
    }
    await expect(el).to.be.accessible();
  });

  it('walks the queue and a report by keyboard shortcuts, listed in a help dialog', async () => {
    const el = await loggedInAs(ADMIN);
    const made = [await enterReport('Skrót 1.'), await enterReport('Skrót 2.')];
    location.hash = '#queue?status=new&unit=kpp-myslenice';
    const queue = await screen<ConsoleQueue>(el, 'console-queue');
    await until(() => made.every((r) => ids(queue).includes(r.id)), 'not listed');
    const order = ids(queue);
    const focusedRow = () => queue.shadowRoot!.activeElement?.closest('tr')?.getAttribute('data-id');

    await sendKeys({ press: 'j' });
    expect(focusedRow()).to.equal(order[0]);
    await sendKeys({ press: 'j' });
    expect(focusedRow()).to.equal(order[1]);
    await sendKeys({ press: 'x' });
    await queue.updateComplete;
    expect(inside<HTMLInputElement>(queue, `tr[data-id="${order[1]}"] input.pick`).checked).to.equal(true);
    await sendKeys({ press: 'k' });
    expect(focusedRow()).to.equal(order[0]);

    // ? lists the shortcuts; Escape closes the list.
    await sendKeys({ type: '?' });
    const help = inside<HTMLDialogElement>(el, 'dialog.shortcuts');
    await until(() => help.open, 'no help dialog');
    expect([...help.querySelectorAll('kbd')].map((k) => k.textContent)).to.deep.equal(['?', 'j', 'k', 's', 'x', 'q']);
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Escape' });
    await until(() => !help.open, 'Escape did not close the help');

    // Enter opens the focused report; there s opens the status dialog, j the next report of the queue.
    await sendKeys({ press: 'Enter' });
    const page = await screen<ConsoleReport>(el, 'console-report');
    await until(() => location.hash === `#report/${order[0]}` && page.shadowRoot!.querySelector('.description'), 'the report did not open');
    await sendKeys({ press: 's' });
    const dialog = inside<LitElement>(page, 'console-status-dialog');
    await until(() => inside<HTMLDialogElement>(dialog, 'dialog').open, 's did not open the status dialog');
    await sendKeys({ press: 'Escape' });
    await until(() => !inside<HTMLDialogElement>(dialog, 'dialog').open);
    await sendKeys({ press: 'j' });
    await until(() => location.hash === `#report/${order[1]}`, `j did not go to the next report: ${location.hash}`);
    await sendKeys({ press: 'q' });
    await until(() => location.hash === '#queue?status=new&unit=kpp-myslenice', `q: ${location.hash}`);
  });
});
