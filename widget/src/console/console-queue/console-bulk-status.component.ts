import { html, LitElement } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { STATUSES, type Status } from '../../../../common/catalogue.js';
import type { BulkStatusChange, BulkStatusResult, QueueRow } from '../../../../common/schemas/staff.js';
import { isMoveAllowed } from '../../../../common/staff.js';
import { apiErrorOf, toApiError, type ApiError } from '../../api/client.js';
import { staffApi } from '../api/staff-client.js';
import { consoleStyles } from '../console.styles.js';
import { statusFields, statusNotes } from '../status-fields.js';
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
    const { t } = this.#i18n;
    return html`<dialog aria-labelledby="bulk-heading">
      <h2 id="bulk-heading">${t.bulk.heading(this.rows.length)}</h2>
      <form @submit=${this.#submit}>
        ${statusFields({
          i18n: this.#i18n, moves: this.moves, chosen: this.chosen, noMoves: t.bulk.noCommonMove, hintId: 'bulk-public-hint', error: this.error,
          choose: (status) => (this.chosen = status), cancel: () => this.dialog.close(),
        })}
      </form>
    </dialog>`;
  }

  async #submit(event: SubmitEvent) {
    event.preventDefault();
    if (!this.chosen || !this.rows.length) return;
    const change: BulkStatusChange = { status: this.chosen, reports: this.rows.map((r) => ({ id: r.id, version: r.version })) };
    Object.assign(change, statusNotes(event.target as HTMLFormElement));
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
