import { expect } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { OFFICER } from '../console.fixtures.js';
import { fillForm, inside, loggedInAs, mountLoggedOut, screen, submitLogin, submitForm, until } from '../console-test-helpers.js';
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
    expect(getComputedStyle(status, '::before').content).to.equal('"Status: "');
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
});
