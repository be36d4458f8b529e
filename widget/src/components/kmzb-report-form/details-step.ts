import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { REPORT_LIMITS, TIMES_OF_DAY, WEEKDAYS } from '../../../../common/catalogue.js';
import { EMAIL_MAX_LENGTH, isEmailAddress } from '../../../../common/email.js';
import { ErrorCode } from '../../../../common/errors.js';
import type { NewReport } from '../../../../common/schemas/report.js';
import type { LonLat } from '../../map/pin-placer.js';
import { codePoints, type Field } from './field-errors.js';
import type { KmzbReportForm } from './kmzb-report-form.component.js';

const MAX = REPORT_LIMITS.descriptionMaxLength;
/** The counter is read out once typing pauses, not at every key. */
const COUNTER_PAUSE_MS = 800;
const counterTimers = new WeakMap<KmzbReportForm, ReturnType<typeof setTimeout>>();
/** The optional address for status updates, per form (kept here: it is this step's one field). */
const emails = new WeakMap<KmzbReportForm, string>();

/** `aria-describedby` of a field: its hints, and its error while there is one. */
function describer(form: KmzbReportForm) {
  const e = form.errors;
  return (field: Field, ...ids: string[]) => [...ids, ...(e[field] ? [`${field}-error`] : [])].join(' ') || nothing;
}

/** Step 3: description, time of the event, recurrence, photos (when the unit takes them); then Send. */
export function renderDetails(form: KmzbReportForm) {
  const t = form.i18n.t;
  const d = t.report.details;
  const e = form.errors;
  const describedBy = describer(form);
  const invalid = (field: Field) => (e[field] ? 'true' : nothing);
  const used = codePoints(form.description);
  const toggle = <T extends string>(list: readonly T[], item: T, on: boolean) => (on ? [...list, item] : list.filter((i) => i !== item));
  return html`
    <div class="field">
      <label for="description">${d.description}</label>
      <p id="description-hint" class="note">${d.descriptionHint}</p>
      <textarea
        id="description"
        rows="4"
        .value=${live(form.description)}
        aria-describedby=${describedBy('description', 'description-hint', 'description-count')}
        aria-invalid=${invalid('description')}
        @input=${(event: Event) => onDescription(form, (event.target as HTMLTextAreaElement).value)}
      ></textarea>
      <p id="description-count" class=${used > MAX ? 'count error' : 'count'}>${d.counter(used, MAX)}</p>
      <p class="visually-hidden" aria-live="polite">${form.counterSpoken}</p>
      <p id="description-error" class="error">${e.description ?? ''}</p>
    </div>
    <div class="field">
      <label for="event-at">${d.eventAt}</label>
      <p id="event-at-hint" class="note">${d.eventAtHint}</p>
      <input
        id="event-at"
        type="datetime-local"
        max=${localInputValue(new Date())}
        .value=${live(form.eventAt)}
        aria-describedby=${describedBy('eventAt', 'event-at-hint')}
        aria-invalid=${invalid('eventAt')}
        @change=${(event: Event) => (form.eventAt = (event.target as HTMLInputElement).value)}
      />
      <p id="eventAt-error" class="error">${e.eventAt ?? ''}</p>
    </div>
    <fieldset class="field recurrence" aria-describedby=${describedBy('recurrence')}>
      <legend>${d.recurrence}</legend>
      <fieldset class="checks">
        <legend>${d.days}</legend>
        ${WEEKDAYS.map(
          (day) => html`<label class="check"><input type="checkbox" id="day-${day}" .checked=${form.days.includes(day)}
            @change=${(event: Event) => (form.days = toggle(form.days, day, (event.target as HTMLInputElement).checked))} />${d.weekdays[day]}</label>`,
        )}
      </fieldset>
      <fieldset class="checks">
        <legend>${d.times}</legend>
        ${TIMES_OF_DAY.map(
          (time) => html`<label class="check"><input type="checkbox" id="time-${time}" .checked=${form.times.includes(time)}
            @change=${(event: Event) => (form.times = toggle(form.times, time, (event.target as HTMLInputElement).checked))} />${d.timesOfDay[time]}</label>`,
        )}
      </fieldset>
      <p id="recurrence-error" class="error">${e.recurrence ?? ''}</p>
    </fieldset>
    ${form.photosEnabled ? photoField(form) : nothing}
    <div class="field">
      <label for="email">${d.email}</label>
      <p id="email-hint" class="note">${d.emailHint}</p>
      <input
        id="email"
        type="email"
        autocomplete="email"
        maxlength=${EMAIL_MAX_LENGTH}
        .value=${live(emails.get(form) ?? '')}
        aria-describedby="email-hint"
        @input=${(event: Event) => emails.set(form, (event.target as HTMLInputElement).value)}
      />
    </div>
    <div class="nav">
      <button type="button" class="secondary" ?disabled=${form.busy} @click=${() => form.goTo('category')}>${t.report.back}</button>
      <button type="submit" class="primary" part="submit" ?disabled=${form.busy}>
        ${form.busy ? html`<span class="spinner" aria-hidden="true"></span>${d.sending}` : d.submit}
      </button>
    </div>
  `;
}

function onDescription(form: KmzbReportForm, value: string): void {
  form.description = value;
  clearTimeout(counterTimers.get(form));
  const spoken = form.i18n.t.report.details.counter(codePoints(value), MAX);
  counterTimers.set(form, setTimeout(() => (form.counterSpoken = spoken), COUNTER_PAUSE_MS));
}

/** Up to 3 photos with their previews; not shown when the unit's configuration turns photos off. */
function photoField(form: KmzbReportForm) {
  const d = form.i18n.t.report.details;
  const e = form.errors;
  const describedBy = describer(form);
  return html`<div class="field">
      <label for="photos">${d.photos}</label>
      <p id="photos-hint" class="note">${d.photosHint}</p>
      <input
        id="photos"
        type="file"
        accept="image/jpeg,image/png"
        multiple
        ?disabled=${form.photos.full}
        aria-describedby=${describedBy('photos', 'photos-hint')}
        aria-invalid=${e.photos ? 'true' : nothing}
        @change=${(event: Event) => addPhotos(form, event.target as HTMLInputElement)}
      />
      <p id="photos-error" class="error">${e.photos ?? ''}</p>
      ${form.photos.items.length
        ? html`<ul class="photos">
            ${form.photos.items.map(
              (photo, i) => html`<li>
                <img src=${photo.url} alt=${d.photoAlt(i + 1, photo.file.name)} />
                <button type="button" class="secondary" @click=${() => removePhoto(form, photo)}>${d.removePhoto(i + 1)}</button>
              </li>`,
            )}
          </ul>`
        : nothing}
    </div>`;
}

function addPhotos(form: KmzbReportForm, input: HTMLInputElement): void {
  const refusal = form.photos.add(input.files ?? []);
  input.value = ''; // the same file may be chosen again after a removal
  form.errors = { ...form.errors, photos: refusal ? form.i18n.t.errors[refusal]({ unitId: '' }) : undefined };
  form.requestUpdate();
}

function removePhoto(form: KmzbReportForm, photo: Parameters<KmzbReportForm['photos']['remove']>[0]): void {
  form.photos.remove(photo);
  form.errors = { ...form.errors, photos: undefined };
  form.requestUpdate();
  // The removed button had focus: give it to the photo input, not to <body>.
  void form.updateComplete.then(() => form.renderRoot.querySelector<HTMLElement>('#photos')?.focus());
}

/** The same checks as the server, with the same words, before anything is sent. */
export function validateDetails(form: KmzbReportForm): { field: Field; message: string } | undefined {
  const errors = form.i18n.t.errors;
  if (codePoints(form.description) > MAX) return { field: 'description', message: errors[ErrorCode.descriptionTooLong]({ unitId: '' }) };
  if (form.eventAt) {
    const at = new Date(form.eventAt);
    if (Number.isNaN(at.getTime())) return { field: 'eventAt', message: errors[ErrorCode.invalidEventTime]({ unitId: '' }) };
    if (at.getTime() > Date.now()) return { field: 'eventAt', message: errors[ErrorCode.eventInFuture]({ unitId: '' }) };
  }
  const email = emails.get(form)?.trim();
  if (email && !isEmailAddress(email)) return { field: 'form', message: errors[ErrorCode.invalidEmail]({ unitId: '' }) };
  return undefined;
}

/** The body of POST /api/v1/reports from the form's state. */
export function newReport(form: KmzbReportForm, [lon, lat]: LonLat, category: string): NewReport {
  const report: NewReport = { lon, lat, category };
  const description = form.description.trim();
  if (description) report.description = description;
  // datetime-local is the reader's local time; the API wants an instant with its offset.
  if (form.eventAt) report.eventAt = new Date(form.eventAt).toISOString();
  const email = emails.get(form)?.trim();
  if (email) {
    report.email = email;
    report.lang = form.i18n.lang;
  }
  if (form.days.length || form.times.length) {
    report.recurrence = {
      ...(form.days.length ? { days: WEEKDAYS.filter((day) => form.days.includes(day)) } : {}),
      ...(form.times.length ? { times: TIMES_OF_DAY.filter((time) => form.times.includes(time)) } : {}),
    };
  }
  return report;
}

/**
 * Forgets the address once the report is sent: it is asked for each report, so a second report
 * from the same page (or by the next person at a shared computer) starts with the field empty,
 * and the page keeps no copy of it.
 */
export function forgetEmail(form: KmzbReportForm): void {
  emails.delete(form);
}

/** A Date as the value of a datetime-local input, in local time: "2026-05-01T18:30". */
export function localInputValue(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
