import { html, LitElement, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { STATUSES, type Status } from '../../../../common/catalogue.js';
import type { BulkStatusChange, BulkStatusResult, QueueRow } from '../../../../common/schemas/staff.js';
import { isMoveAllowed, STATUSES_NEEDING_REASON } from '../../../../common/staff.js';
import { apiErrorOf, toApiError, type ApiError } from '../../api/client.js';
import { staffApi } from '../api/staff-client.js';
import { consoleStyles } from '../console.styles.js';
import { announce, endedSession } from '../events.js';
import { ConsoleI18n } from '../i18n/index.js';

/**
 * One status change for the reports selected in the queue, with one public and one internal
 * note, as a modal dialog. Only the moves every selected report allows are offered; the server
 * checks each report again (scope, move, the version read with the queue) and audits each, so
 * the result names every report refused and why. Fires `bulk-changed` with the result.
 */
export class ConsoleBulkStatus extends LitElement {
  static override styles = consoleStyles;
  readonly #i18n = new ConsoleI18n(this);
  /** The selected rows, as the queue read them (status and version). */
  @property({ attribute: false }) accessor rows: readonly QueueRow[] = [];
  @state() private accessor chosen: Status | undefined;
  @state() private accessor error: ApiError | undefined;
  @query('dialog') private accessor dialog!: HTMLDialogElement;

  /** The statuses every selected report may move to. */
  get moves(): Status[] {
    if (!this.rows.length) return [];
    return STATUSES.filter((to) => this.rows.every((row) => isMoveAllowed(row.status, to)));
  }

  async open(): Promise<void> {
    this.chosen = undefined;
    this.error = undefined;
    await this.updateComplete;
    this.renderRoot.querySelector('form')?.reset();
    this.dialog.showModal();
  }

  override render() {
    const { t, w } = this.#i18n;
    const s = t.statusDialog;
    const reasonNeeded = this.chosen !== undefined && STATUSES_NEEDING_REASON.includes(this.chosen);
    return html`<dialog aria-labelledby="bulk-heading">
      <h2 id="bulk-heading">${t.bulk.heading(this.rows.length)}</h2>
      <form @submit=${this.#submit}>
        <fieldset>
          <legend>${s.newStatus}</legend>
          ${this.moves.length ? nothing : html`<p>${t.bulk.noCommonMove}</p>`}
          ${this.moves.map((status) => html`<label class="inline">
            <input type="radio" name="status" value=${status} required .checked=${this.chosen === status}
              @change=${() => (this.chosen = status)} />${w.statuses[status]}</label>`)}
        </fieldset>
        <label>${s.publicNote}<textarea name="publicNote" maxlength="1000" rows="3" aria-describedby="bulk-public-hint"></textarea></label>
        <p class="hint" id="bulk-public-hint">${s.publicNoteHint}</p>
        <label>${reasonNeeded ? s.reason : s.internalNote}
          <textarea name="internalNote" maxlength="1000" rows="3" ?required=${reasonNeeded}></textarea></label>
        ${this.error ? html`<p class="error" role="alert">${this.#i18n.error(this.error)}</p>` : nothing}
        <div class="buttons">
          <button type="submit" ?disabled=${!this.moves.length}>${s.submit}</button>
          <button type="button" class="secondary" @click=${() => this.dialog.close()}>${s.cancel}</button>
        </div>
      </form>
    </dialog>`;
  }

  async #submit(event: SubmitEvent) {
    event.preventDefault();
    if (!this.chosen || !this.rows.length) return;
    const data = new FormData(event.target as HTMLFormElement);
    const note = (name: string) => String(data.get(name) ?? '').trim() || undefined;
    const change: BulkStatusChange = { status: this.chosen, reports: this.rows.map((r) => ({ id: r.id, version: r.version })) };
    const publicNote = note('publicNote');
    const internalNote = note('internalNote');
    if (publicNote) change.publicNote = publicNote;
    if (internalNote) change.internalNote = internalNote;
    let result: BulkStatusResult;
    try {
      result = await staffApi.bulkStatus(change);
    } catch (error) {
      if (!endedSession(this, error)) this.error = toApiError(error);
      return;
    }
    this.dialog.close();
    const { t } = this.#i18n;
    const refusals = result.results.filter((r) => !r.changed)
      .map((r) => t.bulk.refused(r.id, this.#i18n.error(apiErrorOf(409, r))));
    announce(this, [t.bulk.done(result.changed, result.results.length), ...refusals].join(' '));
    this.dispatchEvent(new CustomEvent<BulkStatusResult>('bulk-changed', { detail: result, bubbles: true, composed: true }));
  }
}
