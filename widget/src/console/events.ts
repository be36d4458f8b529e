import { ErrorCode } from '../../../common/errors.js';
import type { UnitSummary } from '../../../common/schemas/unit.js';
import { ApiError } from '../api/client.js';

/**
 * Console-internal events. Screens report what happened in words (`console-status`, shown in the
 * console's live region while that screen is shown) and that the session has ended
 * (`console-session-ended`, back to login).
 * Both bubble and cross shadow roots, so a screen need not know where the console keeps them.
 */
export function announce(from: EventTarget, message: string, forHash?: string): void {
  from.dispatchEvent(new CustomEvent('console-status', { detail: { text: message, hash: forHash }, bubbles: true, composed: true }));
}

/**
 * A message and the screen it belongs to: the hash of the screen that made it, or the screen
 * the maker is about to open (a new report's page after "Report X saved").
 */
export interface ConsoleMessage {
  text: string;
  hash?: string | undefined;
}

export function sessionEnded(from: EventTarget): void {
  from.dispatchEvent(new CustomEvent('console-session-ended', { bubbles: true, composed: true }));
}

/** Sends the console back to login when a call failed for want of a session; true if so. */
export function endedSession(from: EventTarget, error: unknown): boolean {
  if (!(error instanceof ApiError) || error.code !== ErrorCode.sessionRequired) return false;
  sessionEnded(from);
  return true;
}

/** The units a staff member acts on: their own and every one under it, in tree order. */
export function subtree(units: readonly UnitSummary[], rootId: string): UnitSummary[] {
  const byId = new Map(units.map((unit) => [unit.id, unit]));
  const out: UnitSummary[] = [];
  const walk = (id: string) => {
    const unit = byId.get(id);
    if (!unit) return;
    out.push(unit);
    unit.children.forEach(walk);
  };
  walk(rootId);
  return out;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'console-status': CustomEvent<ConsoleMessage>;
    'console-session-ended': CustomEvent<void>;
  }
}
