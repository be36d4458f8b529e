import { expect } from '@open-wc/testing';
import type { StaffNotifications } from '../../../../common/schemas/staff.js';
import { OFFICER } from '../console.fixtures.js';
import { fillForm, inside, liveText, loggedInAs, openScreen, submitForm, until } from '../console-test-helpers.js';
import type { ConsoleNotifications } from './console-notifications.component.js';

describe('<console-notifications>', () => {
  afterEach(async () => {
    // The fixture officer's choices go back to none (other tests only read the account).
    await fetch('/api/v1/staff/me/notifications', {
      method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: null, newReports: false, digest: false, lang: 'pl' }),
    });
    location.hash = '';
  });

  it('saves an officer\'s own address and choices, refuses a bad address, and says the server sends no mail', async () => {
    const el = await loggedInAs(OFFICER);
    const screen = await openScreen<ConsoleNotifications>(el, '#notifications', 'console-notifications');
    await until(() => screen.shadowRoot!.querySelector('form.notifications'), 'the form never loaded');
    expect(inside(screen, '.not-configured').textContent).to.contain('KMZB_SMTP_URL');
    await expect(el).to.be.accessible();

    const form = inside<HTMLFormElement>(screen, 'form.notifications');
    fillForm(form, { email: 'anna@policja.example.pl', lang: 'en' });
    (form.elements.namedItem('newReports') as HTMLInputElement).checked = true;
    (form.elements.namedItem('digest') as HTMLInputElement).checked = true;
    submitForm(form);
    await until(() => liveText(el) === 'Zapisano ustawienia powiadomień.', `not saved: "${liveText(el)}"`);
    const stored = (await (await fetch('/api/v1/staff/me/notifications')).json()) as StaffNotifications;
    expect(stored).to.deep.equal({ email: 'anna@policja.example.pl', lang: 'en', newReports: true, digest: true, mailConfigured: false });

    // A bad address (past the browser's own check, as a script can) is refused with the reason.
    const input = form.elements.namedItem('email') as HTMLInputElement;
    input.type = 'text';
    fillForm(form, { email: 'anna at policja' });
    submitForm(form);
    await until(() => screen.shadowRoot!.querySelector('[role="alert"]'), 'no refusal');
    expect(inside(screen, '[role="alert"]').textContent).to.equal('Nieprawidłowy adres e-mail.');
    await expect(el).to.be.accessible();
  });
});
