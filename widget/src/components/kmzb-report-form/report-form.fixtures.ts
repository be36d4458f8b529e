/** Helpers of the report form's browser tests (not part of the widget). */
import { fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import { toLonLat } from 'ol/proj.js';
import type { ReportCreated } from '../../../../common/schemas/report.js';
import { DEVICE_KEY, randomToken } from '../../api/device.js';
import { MY_REPORTS_KEY } from '../../api/my-reports.js';
import '../../kmzb-map.js';
import type { KmzbMap } from '../kmzb-map/kmzb-map.component.js';
import type { KmzbReportForm } from './kmzb-report-form.component.js';

// The test server forwards /api/ to the real app on a temporary database (web-test-runner.config.mjs).
export const api = location.origin;

/** A clean device: no token (a fresh one is made on first use) and no remembered reports. */
export function freshDevice(): void {
  localStorage.removeItem(DEVICE_KEY);
  localStorage.removeItem(MY_REPORTS_KEY);
}

/** `<kmzb-map view="report">` for a unit, once the unit is shown and the form has rendered. */
export async function mountReport(unit: string, lang = 'pl'): Promise<{ el: KmzbMap; form: KmzbReportForm }> {
  const el = await fixture<KmzbMap>(html`<kmzb-map unit=${unit} api=${api} basemap="none" view="report" lang=${lang}></kmzb-map>`);
  await el.ready;
  await waitUntil(() => el.shadowRoot!.querySelector('kmzb-report-form'), 'the form did not load');
  const form = el.shadowRoot!.querySelector('kmzb-report-form')!;
  await form.updateComplete;
  return { el, form };
}

export const $ = <E extends Element = HTMLElement>(root: Element, selector: string) => root.shadowRoot!.querySelector<E>(selector);
export const $$ = <E extends Element = HTMLElement>(root: Element, selector: string) => [...root.shadowRoot!.querySelectorAll<E>(selector)];

/** The form's buttons by their visible text. */
export function button(form: KmzbReportForm, text: string): HTMLButtonElement {
  const found = $$<HTMLButtonElement>(form, 'button').find((b) => b.textContent!.trim() === text);
  if (!found) throw new Error(`no button "${text}" in step ${form.step}`);
  return found;
}

/** A real mouse click at the middle of an element. */
export async function click(element: Element): Promise<void> {
  element.scrollIntoView({ block: 'center' });
  const rect = element.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(rect.left + rect.width / 2), Math.round(rect.top + rect.height / 2)] });
}

/** The element focused inside the widget, through both shadow roots. */
export function focused(el: KmzbMap): Element | null {
  const inMap = el.shadowRoot!.activeElement;
  return inMap?.shadowRoot?.activeElement ?? inMap;
}

/** Presses Tab until `target` has focus (real key presses), failing after `max` presses. */
export async function tabTo(el: KmzbMap, target: Element, max = 40): Promise<void> {
  for (let i = 0; i < max && focused(el) !== target; i++) await sendKeys({ press: 'Tab' });
  if (focused(el) !== target) throw new Error(`Tab never reached ${target.outerHTML.slice(0, 80)}`);
}

export async function waitForStep(form: KmzbReportForm, step: KmzbReportForm['step']): Promise<void> {
  await waitUntil(() => form.step === step && !form.busy, `step ${step} not reached (at ${form.step}: ${JSON.stringify(form.errors)})`);
  await form.updateComplete;
}

/** Waits for the pin's unit and returns the message naming it. */
export async function placeStatus(form: KmzbReportForm): Promise<string> {
  await waitUntil(() => form.place.status === 'ready' || form.place.status === 'error', 'the place was not located');
  await form.updateComplete;
  return $(form, '#place-status')!.textContent!.trim();
}

/** The centre of the map as WGS84 (where Enter drops the pin). */
export function centre(el: KmzbMap): [number, number] {
  return toLonLat(el.map!.getView().getCenter()!) as [number, number];
}

/** Files a report through the API directly, as another browser would. */
export async function reportViaApi(body: object, device = randomToken()): Promise<ReportCreated> {
  const response = await fetch(`${api}/api/v1/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'KMZB-Device': device },
    body: JSON.stringify(body),
  });
  if (response.status !== 201) throw new Error(`report via API: ${response.status} ${await response.text()}`);
  return response.json();
}

/** A small real PNG (drawn on a canvas), as a File the photo input would give. */
export async function pngFile(name = 'photo.png'): Promise<File> {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 8;
  canvas.getContext('2d')!.fillRect(0, 0, 4, 4);
  const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/png'));
  return new File([blob], name, { type: 'image/png' });
}

/** Chooses files in a file input as the browser's picker does. */
export function choose(input: HTMLInputElement, files: File[]): void {
  const transfer = new DataTransfer();
  for (const file of files) transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}
