import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { UnitDetail } from '../../../common/schemas/unit.js';
import { yieldToMain } from '../map/slices.js';
import { ApiError, getUnit } from './client.js';

/** What the host knows about the unit it was asked to show. */
export type UnitState =
  | { status: 'loading'; id: string }
  | { status: 'ready'; id: string; unit: UnitDetail }
  | { status: 'error'; id: string; error: ApiError };

export interface UnitRequest {
  id: string;
  /** API base as the page gave it (undefined: the script's own origin). */
  api: string | undefined;
}

/**
 * Fetches the unit the host asks for, once per (api, id) pair. A newer request or a disconnect
 * aborts the one in flight, so a late answer for an old unit can never overwrite the new one.
 */
export class UnitController implements ReactiveController {
  state: UnitState = { status: 'loading', id: '' };
  #key: string | undefined;
  #abort: AbortController | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly request: () => UnitRequest,
    private readonly onChange: (state: UnitState) => void,
  ) {
    host.addController(this);
  }

  /** Ask again for the current unit (the Retry button). */
  retry(): void {
    this.#key = undefined;
    this.host.requestUpdate();
  }

  hostConnected(): void {
    // A disconnect cancelled the request; a re-mounted element must fetch again.
    if (this.#key === undefined) this.host.requestUpdate();
  }

  /** Runs before each render: starts a fetch when the unit or the API changed. */
  hostUpdate(): void {
    const { id, api } = this.request();
    const key = `${api ?? ''} ${id}`;
    if (key === this.#key) return;
    this.#key = key;
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    this.#set({ status: 'loading', id });
    // In a task of its own: starting a fetch is a few ms of a slow phone's main thread, and the
    // element's first render (where this runs) shares its task with the script's evaluation.
    // (Aborted meanwhile: the fetch rejects at once, and the answer is ignored as below.)
    void yieldToMain()
      .then(() => getUnit(api, id, abort.signal))
      .then(
        (unit) => abort.signal.aborted || this.#set({ status: 'ready', id, unit }),
        (error: unknown) => {
          if (abort.signal.aborted) return;
          const apiError = error instanceof ApiError ? error : new ApiError('BAD_RESPONSE', 0, String(error));
          this.#set({ status: 'error', id, error: apiError });
        },
      );
  }

  hostDisconnected(): void {
    if (this.state.status === 'loading') {
      this.#abort?.abort();
      this.#key = undefined;
    }
  }

  #set(state: UnitState): void {
    this.state = state;
    this.onChange(state);
    this.host.requestUpdate();
  }
}
