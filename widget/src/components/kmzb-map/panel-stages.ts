import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { afterNextPaint } from '../../map/slices.js';
import { settleable } from './frame.js';

/**
 * What of `<kmzb-map>` is rendered so far:
 * - `box`: an empty frame at its final height, in the task that defines the element (so nothing
 *   on the page moves, and that task, already holding the script's evaluation, stays short);
 * - `frame`: the header, the map's box (the map itself is created after this paints) and the
 *   panel with the reports' status;
 * - `filters`, `legend`, `list`: the panel's elements, one at a time in the order they stand
 *   in the panel (none moves one already shown), once their chunk is here.
 * Each stage is rendered in a task after the previous one painted: one render of everything
 * was one long task (~400 ms on a throttled phone) that blocked input and the first paint.
 */
export type Stage = 'box' | 'frame' | 'filters' | 'legend' | 'list';

const ORDER: readonly Stage[] = ['box', 'frame', 'filters', 'legend', 'list'];

export class PanelStages implements ReactiveController {
  #stage: Stage = 'box';
  /** The stage asked to render, waiting for the host's update that renders it. */
  #rendering: { stage: Stage; rendered: () => void } | undefined;
  #started = false;
  readonly #done = settleable();

  /** `gate`: what a stage waits for besides the paint before it (the panel elements' chunk). */
  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly gate: (stage: Stage) => Promise<unknown> | undefined = () => undefined,
  ) {
    host.addController(this);
  }

  /** The stage the host renders. */
  get stage(): Stage {
    return this.#stage;
  }

  /** Whether `stage` is rendered (or being rendered) by now. */
  reached(stage: Stage): boolean {
    return ORDER.indexOf(this.#stage) >= ORDER.indexOf(stage);
  }

  /** Whether every stage is rendered. */
  get complete(): boolean {
    return this.#done.settled;
  }

  /** Resolves once the last stage is rendered. */
  get done(): Promise<void> {
    return this.#done.promise;
  }

  hostConnected(): void {
    if (this.#started) return;
    this.#started = true;
    void this.#run();
  }

  hostUpdated(): void {
    if (this.#rendering?.stage === this.#stage) this.#rendering.rendered();
  }

  async #run(): Promise<void> {
    for (const stage of ORDER.slice(1)) {
      await this.gate(stage);
      await afterNextPaint();
      await new Promise<void>((rendered) => {
        this.#rendering = { stage, rendered };
        this.#stage = stage;
        this.host.requestUpdate();
      });
      this.#rendering = undefined;
    }
    this.#done.resolve();
  }
}
