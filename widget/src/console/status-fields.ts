import { html, nothing } from 'lit';
import type { Status } from '../../../common/catalogue.js';
import { STATUSES_NEEDING_REASON } from '../../../common/staff.js';
import type { ApiError } from '../api/client.js';
import type { ConsoleI18n } from './i18n/index.js';

/** What the status form shows: the moves offered, the one chosen, an error, and who handles the choice. */
export interface StatusFieldsState {
  i18n: ConsoleI18n;
  moves: readonly Status[];
  chosen: Status | undefined;
  /** Said when no move is offered. */
  noMoves: string;
  /** Id of the public note's hint, unique in the dialog's shadow root. */
  hintId: string;
  error: ApiError | undefined;
  choose: (status: Status) => void;
  cancel: () => void;
}

/**
 * The fields of a status change, shared by the single report's dialog and the queue's bulk
 * change: the new status (the allowed moves only), the public note, the internal note (the
 * reason, required for the moves that need one), the error, and Submit / Cancel.
 */
export function statusFields(s: StatusFieldsState) {
  const { t, w } = s.i18n;
  const words = t.statusDialog;
  const reasonNeeded = s.chosen !== undefined && STATUSES_NEEDING_REASON.includes(s.chosen);
  return html`<fieldset>
      <legend>${words.newStatus}</legend>
      ${s.moves.length ? nothing : html`<p>${s.noMoves}</p>`}
      ${s.moves.map((status) => html`<label class="inline">
        <input type="radio" name="status" value=${status} required .checked=${s.chosen === status}
          @change=${() => s.choose(status)} />${w.statuses[status]}</label>`)}
    </fieldset>
    <label>${words.publicNote}<textarea name="publicNote" maxlength="1000" rows="3" aria-describedby=${s.hintId}></textarea></label>
    <p class="hint" id=${s.hintId}>${words.publicNoteHint}</p>
    <label>${reasonNeeded ? words.reason : words.internalNote}
      <textarea name="internalNote" maxlength="1000" rows="3" ?required=${reasonNeeded}></textarea></label>
    ${s.error ? html`<p class="error" role="alert">${s.i18n.error(s.error)}</p>` : nothing}
    <div class="buttons">
      <button type="submit" ?disabled=${!s.moves.length}>${words.submit}</button>
      <button type="button" class="secondary" @click=${s.cancel}>${words.cancel}</button>
    </div>`;
}

/** The notes the form was sent with (blank ones left out), to put on the change. */
export function statusNotes(form: HTMLFormElement): { publicNote?: string; internalNote?: string } {
  const data = new FormData(form);
  const note = (name: string) => String(data.get(name) ?? '').trim() || undefined;
  const notes: { publicNote?: string; internalNote?: string } = {};
  const publicNote = note('publicNote');
  const internalNote = note('internalNote');
  if (publicNote) notes.publicNote = publicNote;
  if (internalNote) notes.internalNote = internalNote;
  return notes;
}
