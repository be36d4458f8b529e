import { expect } from '@open-wc/testing';
import { ApiPath } from '../../../../common/api.js';
import { announce } from '../events.js';
import { OFFICER } from '../console.fixtures.js';
import { liveText, mountLoggedOut, openScreen, screen, submitLogin, until } from '../console-test-helpers.js';

/** Counts the console's requests for the unit list: one per handled login (#signedIn). */
function countUnitLists(): { count: () => number; restore: () => void } {
  const original = window.fetch;
  let count = 0;
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input), location.href);
    if (url.pathname === ApiPath.units) count++;
    return original(input, init);
  };
  return { count: () => count, restore: () => (window.fetch = original) };
}

describe('<kmzb-console> moved in the page', () => {
  it('handles each event once after being detached and attached again, and still follows the hash', async () => {
    const el = await mountLoggedOut();
    const parent = el.parentNode!;
    // Twice: a listener added on each connect and never removed would now run three times.
    for (let move = 0; move < 2; move++) {
      el.remove();
      parent.appendChild(el);
    }
    await screen(el, 'console-login');

    const units = countUnitLists();
    try {
      await submitLogin(el, OFFICER.login, OFFICER.password);
      await screen(el, 'console-queue');
      await el.ready;
      expect(units.count(), 'console-login handled more than once').to.equal(1);
    } finally {
      units.restore();
    }

    // A screen's words reach the live region (console-status), and the hash still navigates.
    announce(el.shadowRoot!.querySelector('main > *')!, 'Wiadomość testowa');
    await until(() => liveText(el) === 'Wiadomość testowa', 'console-status not handled');
    await openScreen(el, '#new', 'console-new-report');
  });
});
