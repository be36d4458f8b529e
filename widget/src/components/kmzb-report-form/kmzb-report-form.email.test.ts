import { expect } from '@open-wc/testing';
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
});
