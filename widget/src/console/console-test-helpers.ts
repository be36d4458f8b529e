import { fixture, html, waitUntil } from '@open-wc/testing';
import type { LitElement } from 'lit';
import { StaffPath } from '../../../common/api.js';
import type { StaffReportCreated } from '../../../common/schemas/staff.js';
import '../kmzb-console.js';
import type { KmzbConsole } from './kmzb-console/kmzb-console.component.js';
import { CONSOLE_POINT, type FixtureStaff } from './console.fixtures.js';

/**
 * What the console's browser tests share: mounting a logged-out console, logging in through the
 * form, and reaching into the screens' shadow roots. Not a test file itself.
 */

/** waitUntil with room for a loaded machine (scrypt logins, a whole suite in parallel). */
export function until(predicate: () => unknown, message?: string): Promise<void> {
  return waitUntil(predicate, message, { timeout: 5000 });
}

/** The element `selector` inside the shadow root of `host`. */
export function inside<E extends Element = HTMLElement>(host: Element, selector: string): E {
  const found = host.shadowRoot?.querySelector<E>(selector);
  if (!found) throw new Error(`no ${selector} in <${host.localName}>`);
  return found;
}

/** The screen shown now (console-login, console-queue, ...), once it is there and rendered. */
export async function screen<E extends LitElement>(el: KmzbConsole, tag: string): Promise<E> {
  await waitUntil(() => el.shadowRoot?.querySelector(`main > ${tag}`), `<${tag}> never showed`, { timeout: 5000 });
  const found = inside<E>(el, `main > ${tag}`);
  await found.updateComplete;
  return found;
}

/** What the console's live region (role=status) says now. */
export function liveText(el: KmzbConsole): string {
  return inside(el, '[role="status"]').textContent ?? '';
}

/** Opens a screen through the URL hash, as a link in the menu does. */
export async function openScreen<E extends LitElement>(el: KmzbConsole, hash: string, tag: string): Promise<E> {
  location.hash = hash;
  return screen<E>(el, tag);
}

/** Sets the named fields of `form` (inputs, selects, text areas) as typing or choosing would. */
export function fillForm(form: HTMLFormElement, values: Record<string, string>): void {
  for (const [name, value] of Object.entries(values)) {
    const field = form.elements.namedItem(name);
    if (!(field instanceof HTMLInputElement || field instanceof HTMLSelectElement || field instanceof HTMLTextAreaElement)) {
      throw new Error(`no field ${name} in the form`);
    }
    field.value = value;
    field.dispatchEvent(new Event(field instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true, composed: true }));
  }
}

/** Clicks the submit button of `form`, as a user would (so the browser's own checks run first). */
export function submitForm(form: HTMLFormElement): void {
  const button = form.querySelector<HTMLButtonElement>('button[type="submit"]');
  if (!button) throw new Error('no submit button in the form');
  button.click();
}

/** A name no other test (nor an earlier run of this one) uses: `prefix-` and a random suffix. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/** A console with no session (any earlier test's session is ended first), in Polish. */
export async function mountLoggedOut(): Promise<KmzbConsole> {
  await fetch(StaffPath.session, { method: 'DELETE' });
  document.documentElement.lang = 'pl';
  location.hash = '';
  const el = await fixture<KmzbConsole>(html`<kmzb-console basemap="none"></kmzb-console>`);
  await screen(el, 'console-login');
  return el;
}

/** Types the login and password into the form and submits it. */
export async function submitLogin(el: KmzbConsole, login: string, password: string): Promise<void> {
  const form = await screen(el, 'console-login');
  inside<HTMLInputElement>(form, '#login').value = login;
  inside<HTMLInputElement>(form, '#password').value = password;
  inside<HTMLButtonElement>(form, 'button[type="submit"]').click();
}

/** A console logged in as `account`, showing its queue with rows. */
export async function loggedInAs(account: FixtureStaff): Promise<KmzbConsole> {
  const el = await mountLoggedOut();
  await submitLogin(el, account.login, account.password);
  const queue = await screen(el, 'console-queue');
  await waitUntil(() => queue.shadowRoot?.querySelector('tbody'), 'the queue never loaded', { timeout: 5000 });
  return el;
}

/** A fresh report entered through the staff API (needs a session): this test's own. */
export async function enterReport(description: string): Promise<StaffReportCreated> {
  const response = await fetch(StaffPath.reports, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ source: 'contact', category: 'illegal_parking', description, ...CONSOLE_POINT }),
  });
  if (response.status !== 201) throw new Error(`report not entered: ${response.status} ${await response.text()}`);
  return (await response.json()) as StaffReportCreated;
}
