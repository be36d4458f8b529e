import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { $, button, click, freshDevice, mountReport, placeStatus, waitForStep } from './report-form.fixtures.js';
import type { KmzbMap } from '../kmzb-map/kmzb-map.component.js';
import type { KmzbReportForm } from './kmzb-report-form.component.js';

/** To the details step: the pin at the map's centre, a category. */
async function toDetails(el: KmzbMap, form: KmzbReportForm, next: string): Promise<void> {
  $(el, '#map')!.focus();
  await sendKeys({ press: 'Enter' });
  await placeStatus(form);
  await click(button(form, next));
  await waitForStep(form, 'category');
  await click($(form, 'input[value="illegal_dump"]')!.closest('label')!);
  // Past the duplicates step, whatever other tests left near the pin (as the details tests do).
  form.nearby = [];
  form.goTo('details');
  await form.updateComplete;
  await waitForStep(form, 'details');
}

describe('<kmzb-map view="report"> optional e-mail for updates', () => {
  beforeEach(freshDevice);

  it('offers an optional address with what happens to it beside it, refuses a typo before sending, and sends it with the form\'s language', async () => {
    const { el, form } = await mountReport('pl', 'en');
    await toDetails(el, form, 'Next');
    const email = $<HTMLInputElement>(form, '#email')!;
    expect($(form, 'label[for="email"]')!.textContent).to.equal('E-mail for updates (optional)');
    expect(email.required).to.equal(false);
    expect(email.getAttribute('aria-describedby')).to.equal('email-hint');
    expect($(form, '#email-hint')!.textContent).to.contain('never shown publicly nor to police officers');
    await expect(el).to.be.accessible();

    email.value = 'anna at example';
    email.dispatchEvent(new Event('input'));
    const bodies: string[] = [];
    const realFetch = window.fetch;
    window.fetch = (input, init) => (init?.method === 'POST' && bodies.push(String(init.body)), realFetch(input, init));
    try {
      await click(button(form, 'Send the report'));
      await form.updateComplete;
      expect(bodies, 'sent despite the typo').to.deep.equal([]);
      expect($(form, '#form-error')!.textContent).to.equal('This is not a valid e-mail address.');

      email.value = 'anna@example.pl';
      email.dispatchEvent(new Event('input'));
      await click(button(form, 'Send the report'));
      await waitForStep(form, 'sent');
    } finally {
      window.fetch = realFetch;
    }
    const sent = JSON.parse(bodies[0]!) as { email?: string; lang?: string };
    expect(sent).to.include({ email: 'anna@example.pl', lang: 'en' });
  });

  it('forgets the address once the report is sent: a second report from the same page starts with the field empty', async () => {
    const { el, form } = await mountReport('pl', 'en');
    await toDetails(el, form, 'Next');
    const email = $<HTMLInputElement>(form, '#email')!;
    email.value = 'anna@example.pl';
    email.dispatchEvent(new Event('input'));
    // A refusal keeps it (the reader fixes the other field and sends again)...
    form.eventAt = '2999-01-01T12:00';
    await click(button(form, 'Send the report'));
    await form.updateComplete;
    expect(form.step).to.equal('details');
    expect($<HTMLInputElement>(form, '#email')!.value).to.equal('anna@example.pl');
    form.eventAt = '';
    await click(button(form, 'Send the report'));
    await waitForStep(form, 'sent');

    // ...sending forgets it: the same form back at its details is empty...
    form.goTo('details');
    await waitForStep(form, 'details');
    expect($<HTMLInputElement>(form, '#email')!.value, 'the same form').to.equal('');

    // ...and so is the form of the next report, opened again from the map.
    form.goTo('sent');
    await waitForStep(form, 'sent');
    await click(button(form, 'Back to the map'));
    await waitUntil(() => !el.shadowRoot!.querySelector('kmzb-report-form'), 'the form stayed open');
    await click($(el, '#view-button')!);
    await waitUntil(() => el.shadowRoot!.querySelector('kmzb-report-form'), 'the form did not open again');
    const next = el.shadowRoot!.querySelector('kmzb-report-form')!;
    await next.updateComplete;
    next.goTo('details');
    await waitForStep(next, 'details');
    expect($<HTMLInputElement>(next, '#email')!.value, 'the next report\'s form').to.equal('');
  });
});
