import { html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Category } from '../../../../common/schemas/category.js';
import type { StaffNewReport } from '../../../../common/schemas/staff.js';
import { STAFF_SOURCES } from '../../../../common/staff.js';
import { staffApi } from '../api/staff-client.js';
import { consoleStyles } from '../console.styles.js';
import { announce, endedSession } from '../events.js';
import { ConsoleI18n } from '../i18n/index.js';

/**
 * A report from a public debate, a direct contact or a police observation. The place is typed
 * as longitude and latitude (the server routes it to the unit of the point and refuses one
 * outside the staff member's units). On success the console opens the new report.
 */
export class ConsoleNewReport extends LitElement {
  static override styles = consoleStyles;
  readonly #i18n = new ConsoleI18n(this);
  @property({ attribute: false }) accessor categories: readonly Category[] = [];
  @state() private accessor error = '';

  override render() {
    const { t } = this.#i18n;
    const n = t.newReport;
    return html`
      <h2 tabindex="-1">${n.heading}</h2>
      <form @submit=${this.#submit}>
        <label>${n.source}<select name="source">${STAFF_SOURCES.map((s) => html`<option value=${s}>${t.sources[s]}</option>`)}</select></label>
        <label>${n.lon}<input name="lon" type="number" step="any" min="14" max="24.2" required /></label>
        <label>${n.lat}<input name="lat" type="number" step="any" min="49" max="54.9" required /></label>
        <label>${n.category}<select name="category" required>
          ${this.categories.map((c) => html`<option value=${c.code}>${c.names[this.#i18n.lang]}</option>`)}</select></label>
        <label>${n.description}<textarea name="description" maxlength="500" rows="4"></textarea></label>
        <label>${n.eventAt}<input name="eventAt" type="datetime-local" /></label>
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
        <div class="buttons"><button type="submit">${n.submit}</button></div>
      </form>
    `;
  }

  async #submit(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const text = (name: string) => String(data.get(name) ?? '').trim();
    const report: StaffNewReport = {
      source: text('source') as StaffNewReport['source'],
      lon: Number(text('lon')),
      lat: Number(text('lat')),
      category: text('category'),
    };
    if (text('description')) report.description = text('description');
    // datetime-local is the officer's local time; the API wants an instant with a zone.
    if (text('eventAt')) report.eventAt = new Date(text('eventAt')).toISOString();
    try {
      const created = await staffApi.enterReport(report);
      this.error = '';
      form.reset();
      announce(this, this.#i18n.t.newReport.created(created.id));
      location.hash = `#report/${created.id}`;
    } catch (error) {
      if (!endedSession(this, error)) this.error = this.#i18n.error(error);
    }
  }
}
