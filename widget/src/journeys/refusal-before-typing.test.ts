import { expect, waitUntil } from '@open-wc/testing';
import { $, button, freshDevice, mountReport, reportViaApi } from '../components/kmzb-report-form/report-form.fixtures.js';
import { DEVICE_KEY, deviceToken } from '../api/device.js';

// The daily rule said before the citizen types anything, against the real server
// (web-test-runner.config.mjs): GET /api/v1/reports/allowance, asked when the form opens.

const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('journey: refusals come before typing', function () {
  this.timeout(20000);
  beforeEach(freshDevice);

  it('says at once, with the time, that this device already reported today, and does not let the form start', async () => {
    // This device reported earlier today (another tab, the API directly).
    const first = await reportViaApi({ lon: 20.49, lat: 53.78, category: 'vandalism' }, deviceToken());
    const { form } = await mountReport('kmp-olsztyn');
    const refusal = await waitForRefusal(form);
    const retryAt = new Date(Date.parse(first.createdAt) + 86_400_000);
    const time = retryAt.toLocaleTimeString('pl-PL', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    expect(text(refusal)).to.contain('Z jednego urządzenia można zgłosić jedno zagrożenie na dobę.').and.contain(time);
    expect(refusal.getAttribute('role')).to.equal('alert');
    expect(button(form, 'Dalej').disabled, 'no steps to fill in for nothing').to.equal(true);
    await expect(form).to.be.accessible();
  });

  it('lets a fresh device start at once, and asking did not use up its report', async () => {
    const { form } = await mountReport('kmp-olsztyn');
    await waitUntil(() => form.allowance, 'the allowance was not asked for');
    await form.updateComplete;
    expect(form.allowance!.report.allowed).to.equal(true);
    expect($(form, '.refusal')).to.equal(null);
    // The question counted nothing: this device can still report.
    const created = await reportViaApi({ lon: 20.49, lat: 53.78, category: 'vandalism' }, localStorage.getItem(DEVICE_KEY)!);
    expect(created.id).to.match(/^[0-9A-Z]{10}$/);
  });
});

async function waitForRefusal(form: HTMLElement): Promise<HTMLElement> {
  await waitUntil(() => form.shadowRoot!.querySelector('.refusal'), 'no refusal shown', { timeout: 5000 });
  return form.shadowRoot!.querySelector<HTMLElement>('.refusal')!;
}
