import { html, LitElement } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { STATUSES, type Status } from '../../../../common/catalogue.js';
import { ErrorCode } from '../../../../common/errors.js';
import type { StaffReport, StatusChange } from '../../../../common/schemas/staff.js';
import { isMoveAllowed } from '../../../../common/staff.js';
import { toApiError, type ApiError } from '../../api/client.js';
import { staffApi } from '../api/staff-client.js';
import { consoleStyles } from '../console.styles.js';
import { statusFields, statusNotes } from '../status-fields.js';
import { announce, endedSession } from '../events.js';
import { ConsoleI18n } from '../i18n/index.js';

/**
 * The status change as a modal dialog: only the moves STATUS_MOVES allows from the report's
 * status are offered, with a public and an internal note; the version read with the report goes
 * along, so a change someone made meanwhile is refused (STALE_REPORT) instead of overwritten.
 * Fires `report-changed` after a change, and after a refusal for staleness, so the page reloads.
 */
export class ConsoleStatusDialog extends LitElement {
  static override styles = consoleStyles;
  readonly #i18n = new ConsoleI18n(this);
  @property({ attribute: false }) accessor report: StaffReport | undefined;
  @state() private accessor chosen: Status | undefined;
  /** Kept as the error, put into words when rendered (so it follows a change of language). */
  @state() private accessor error: ApiError | undefined;
  @query('dialog') private accessor dialog!: HTMLDialogElement;

  /** The statuses offered: every status the report may move to now. */
  get moves(): Status[] {
    const from = this.report?.status;
    return from ? STATUSES.filter((to) => isMoveAllowed(from, to)) : [];
  }

  /** Opens the dialog, with `status` chosen when given (the Hide button). */
  async open(status?: Status): Promise<void> {
    this.chosen = status && this.moves.includes(status) ? status : undefined;
    this.error = undefined;
    await this.updateComplete;
    this.renderRoot.querySelector('form')?.reset();
    this.dialog.showModal();
  }

  /** Closes the dialog if it is open (the page moved to another report). */
  close(): void {
    this.dialog?.close();
    this.error = undefined;
  }

  override render() {
    const { t } = this.#i18n;
    const s = t.statusDialog;
    return html`<dialog aria-labelledby="status-heading">
      <h2 id="status-heading">${s.heading}</h2>
      <form @submit=${this.#submit}>
        ${statusFields({
          i18n: this.#i18n, moves: this.moves, chosen: this.chosen, noMoves: s.noMoves, hintId: 'public-hint', error: this.error,
          choose: (status) => (this.chosen = status), cancel: () => this.dialog.close(),
        })}
      </form>
    </dialog>`;
  }

  async #submit(event: SubmitEvent) {
    event.preventDefault();
    const report = this.report;
    if (!report || !this.chosen) return;
    const change: StatusChange = { status: this.chosen, version: report.version };
    Object.assign(change, statusNotes(event.target as HTMLFormElement));
    try {
      await staffApi.changeStatus(report.id, change);
      this.dialog.close();
      announce(this, this.#i18n.t.statusDialog.changed(this.#i18n.w.statuses[this.chosen]), `#report/${report.id}`);
      this.#changed();
    } catch (error) {
      if (endedSession(this, error)) return;
      if (toApiError(error).code === ErrorCode.staleReport) {
        // Someone else moved it: say so, and show the report as it is now.
        this.dialog.close();
        announce(this, this.#i18n.error(error), `#report/${report.id}`);
        this.#changed();
        return;
      }
      this.error = toApiError(error);
    }
  }

  #changed() {
    this.dispatchEvent(new CustomEvent('report-changed', { bubbles: true, composed: true }));
  }
}
