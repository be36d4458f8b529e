import { expect } from '@open-wc/testing';
import type { StaffAccount } from '../../../../common/schemas/staff.js';
import { StaffPath } from '../../../../common/api.js';
import { staffApi } from '../api/staff-client.js';
import { ADMIN, OFFICER, type FixtureStaff } from '../console.fixtures.js';
import { fillForm, inside, liveText, loggedInAs, openScreen, submitForm, uniqueName, until } from '../console-test-helpers.js';
import type { KmzbConsole } from '../kmzb-console/kmzb-console.component.js';
import type { ConsoleStaff } from './console-staff.component.js';

/**
 * Staff management through the UI: adding an account, changing its role and unit, disabling
 * and enabling it, and the refusals (a taken login, a short password, disabling oneself).
 * Every test makes its own accounts with unique logins; the fixture accounts are only read.
 */

const PASSWORD = 'staff-ui-test-password-1';

/** The staff screen of `el`, with its list loaded. */
async function openStaff(el: KmzbConsole): Promise<ConsoleStaff> {
  const staff = await openScreen<ConsoleStaff>(el, '#staff', 'console-staff');
  await until(() => staff.shadowRoot!.querySelector(`tr[data-login="${ADMIN.login}"]`), 'the list never loaded');
  return staff;
}

const row = (staff: ConsoleStaff, login: string) => staff.shadowRoot!.querySelector<HTMLTableRowElement>(`tr[data-login="${login}"]`);
const cells = (tr: HTMLTableRowElement) => [...tr.cells].map((td) => td.textContent!.trim());
const addForm = (staff: ConsoleStaff) => inside<HTMLFormElement>(staff, 'form.add');
const addError = (staff: ConsoleStaff) => addForm(staff).querySelector('.error');

/** The account as the server has it now. */
async function stored(login: string): Promise<StaffAccount | undefined> {
  return (await staffApi.accounts()).accounts.find((a) => a.login === login);
}

/** Changes a select in a row of the list as a user would. */
function choose(select: HTMLSelectElement, value: string): void {
  select.value = value;
  select.dispatchEvent(new Event('change'));
}

describe('<console-staff>', () => {
  afterEach(() => {
    location.hash = '';
  });

  it('adds an account through the form: it is listed, and it can log in', async () => {
    const el = await loggedInAs(ADMIN);
    const staff = await openStaff(el);
    // The test server has no SMTP settings: the screen says no mail is sent.
    await until(() => staff.shadowRoot!.querySelector('.not-configured'), 'no word on the mail');
    await expect(el).to.be.accessible();
    // The admin of kwp-krakow may place accounts in the units under it.
    const units = [...inside<HTMLSelectElement>(staff, 'form.add select[name="unit"]').options].map((o) => o.value);
    expect(units[0]).to.equal('kwp-krakow');
    expect(units).to.include('kpp-myslenice');

    const login = uniqueName('wtr-new');
    const form = addForm(staff);
    fillForm(form, { login, displayName: 'Ewa Nowa', role: 'officer', unit: 'kpp-myslenice', password: PASSWORD });
    submitForm(form);
    await until(() => liveText(el) === `Utworzono konto ${login}.`, `no announcement: "${liveText(el)}"`);
    await until(() => row(staff, login), 'the new account is not listed');

    const tr = row(staff, login)!;
    expect(cells(tr).slice(0, 2)).to.deep.equal([login, 'Ewa Nowa']);
    expect(tr.querySelector<HTMLSelectElement>('select[aria-label^="Rola"]')!.value).to.equal('officer');
    expect(tr.querySelector<HTMLSelectElement>('select[aria-label^="Jednostka"]')!.value).to.equal('kpp-myslenice');
    expect(cells(tr)[5]).to.equal('aktywne');
    // The form is empty again, with no error.
    expect((form.elements.namedItem('login') as HTMLInputElement).value).to.equal('');
    expect((form.elements.namedItem('password') as HTMLInputElement).value).to.equal('');
    expect(addError(staff)?.textContent, 'an error left').to.equal(undefined);
    await expect(el).to.be.accessible();

    expect(await stored(login)).to.include({ displayName: 'Ewa Nowa', role: 'officer', unit: 'kpp-myslenice', disabled: false });
    // The starting password works (this ends the test's admin session: nothing follows).
    const me = await staffApi.login(login, PASSWORD);
    expect(me).to.include({ login, displayName: 'Ewa Nowa', role: 'officer' });
    expect(me.unit.id).to.equal('kpp-myslenice');
  });

  it('refuses a taken login and a short password with the reason, and creates nothing', async () => {
    const el = await loggedInAs(ADMIN);
    const staff = await openStaff(el);
    const form = addForm(staff);
    const count = () => staff.shadowRoot!.querySelectorAll('tbody tr').length;
    const before = count();

    // The officer fixture's login (only read: the attempt must change nothing).
    fillForm(form, { login: OFFICER.login, displayName: 'Druga Anna', password: PASSWORD });
    submitForm(form);
    await until(() => addError(staff), 'no error for a taken login');
    expect(addError(staff)!.textContent).to.equal('Ten login jest już zajęty.');
    expect(addError(staff)!.getAttribute('role')).to.equal('alert');
    // What was typed stays, to be corrected.
    expect((form.elements.namedItem('displayName') as HTMLInputElement).value).to.equal('Druga Anna');
    await expect(el).to.be.accessible();

    // Typed, the browser's minlength would stop it first; set from a script it reaches the server,
    // whose refusal is what the page must show.
    const login = uniqueName('wtr-short');
    fillForm(form, { login, password: 'krótkie' });
    submitForm(form);
    await until(() => addError(staff)?.textContent === 'Hasło musi mieć co najmniej 12 znaków.', `no error for a short password: "${addError(staff)?.textContent}"`);
    expect(await stored(login)).to.equal(undefined);
    expect(count()).to.equal(before);

    // Corrected, it goes through and the error goes away.
    fillForm(form, { password: PASSWORD });
    submitForm(form);
    await until(() => row(staff, login), 'the corrected account is not listed');
    expect(addError(staff)?.textContent, 'an error left').to.equal(undefined);
    expect(count()).to.equal(before + 1);
  });

  it('changes role and unit only after Save and a confirmation, disables and enables an account, but not one\'s own', async () => {
    // An admin of this test's own, so refusing to disable oneself never touches the fixtures.
    const self: FixtureStaff = { login: uniqueName('wtr-adm'), displayName: 'Olga Administratorka', role: 'admin', unit: 'kwp-krakow', password: PASSWORD };
    const target = uniqueName('wtr-edit');
    await staffApi.login(ADMIN.login, ADMIN.password);
    await staffApi.createAccount({ login: self.login, displayName: self.displayName, role: 'admin', unit: self.unit, password: PASSWORD });
    await staffApi.createAccount({ login: target, displayName: 'Piotr Zmieniany', role: 'officer', unit: 'kwp-krakow', password: PASSWORD });

    const el = await loggedInAs(self);
    const staff = await openStaff(el);
    await until(() => row(staff, target), 'the account to edit is not listed');

    // Role and unit: picked in the row, nothing is saved before Save and its confirmation.
    const save = () => row(staff, target)!.querySelector<HTMLButtonElement>('button.save')!;
    expect(save().disabled, 'Save before any change').to.equal(true);
    choose(inside<HTMLSelectElement>(staff, `select[aria-label="Rola konta ${target}"]`), 'admin');
    choose(inside<HTMLSelectElement>(staff, `select[aria-label="Jednostka konta ${target}"]`), 'kpp-myslenice');
    const email = inside<HTMLInputElement>(staff, `input[aria-label="E-mail konta ${target}"]`);
    email.value = 'piotr@policja.example.pl';
    email.dispatchEvent(new Event('input'));
    await staff.updateComplete;
    expect(save().disabled, 'Save after a change').to.equal(false);
    expect(await stored(target), 'saved on change').to.include({ role: 'officer', unit: 'kwp-krakow' });

    // The confirmation spells out both changes; Cancel saves nothing.
    save().click();
    const dialog = inside<HTMLDialogElement>(staff, 'dialog.confirm');
    await until(() => dialog.open, 'no confirmation');
    expect(inside(staff, '#confirm-heading').textContent).to.equal(`Zapisać zmiany konta ${target}?`);
    const changes = [...dialog.querySelectorAll('.changes li')].map((li) => li.textContent);
    expect(changes[0]).to.equal('Rola: funkcjonariusz → administrator');
    expect(changes[1]).to.match(/^Jednostka: .+ → .+/);
    expect(changes[2]).to.equal('Adres e-mail: – → piotr@policja.example.pl');
    await expect(el).to.be.accessible();
    [...dialog.querySelectorAll('button')].find((b) => b.textContent === 'Anuluj')!.click();
    await until(() => !dialog.open, 'Cancel did not close');
    expect(await stored(target), 'saved on Cancel').to.include({ role: 'officer', unit: 'kwp-krakow' });

    // Confirmed: saved, said with the changes, and the list shows the stored values.
    save().click();
    await until(() => dialog.open, 'no confirmation the second time');
    dialog.querySelector<HTMLButtonElement>('button.confirm-save')!.click();
    await until(() => liveText(el).startsWith(`Zapisano zmiany konta ${target}: Rola: funkcjonariusz → administrator; Jednostka:`), `not announced: "${liveText(el)}"`);
    expect(dialog.open).to.equal(false);
    expect(await stored(target)).to.include({ role: 'admin', unit: 'kpp-myslenice', email: 'piotr@policja.example.pl' });
    await until(() => row(staff, target)!.querySelector<HTMLSelectElement>('select[aria-label^="Jednostka"]')!.value === 'kpp-myslenice');
    expect(save().disabled, 'Save after saving').to.equal(true);

    // Disable, then enable again; the button says what it will do, and to which account.
    const toggle = () => row(staff, target)!.querySelector<HTMLButtonElement>('button.toggle')!;
    expect(toggle().textContent!.trim()).to.equal('Wyłącz');
    expect(toggle().getAttribute('aria-label')).to.equal(`Wyłącz: ${target}`);
    toggle().click();
    await until(() => cells(row(staff, target)!)[5] === 'wyłączone', 'not shown as disabled');
    expect(toggle().textContent!.trim()).to.equal('Włącz');
    expect(toggle().getAttribute('aria-label')).to.equal(`Włącz: ${target}`);
    expect((await stored(target))?.disabled).to.equal(true);
    await expect(el).to.be.accessible();

    toggle().click();
    await until(() => cells(row(staff, target)!)[5] === 'aktywne', 'not shown as enabled again');
    expect(await stored(target)).to.include({ disabled: false, role: 'admin', unit: 'kpp-myslenice' });

    // One's own account: refused, said in the live region, and still active.
    row(staff, self.login)!.querySelector<HTMLButtonElement>('button.toggle')!.click();
    await until(() => liveText(el) === 'Nie możesz wyłączyć własnego konta.', `no refusal: "${liveText(el)}"`);
    expect(cells(row(staff, self.login)!)[5]).to.equal('aktywne');
    expect((await stored(self.login))?.disabled).to.equal(false);
    expect((await fetch(StaffPath.me)).status, 'still signed in').to.equal(200);
  });
});
