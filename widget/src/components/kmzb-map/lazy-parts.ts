import type { ReactiveControllerHost } from 'lit';
import type { renderBrowsePanel } from './browse-panel.js';

/**
 * The parts of `<kmzb-map>` loaded on first use: separate chunks of the ES build, so the map
 * view does not pay for the form, the statistics or the tracking view. One object, so that a
 * test can make a part fail to load as it does offline or after a deployment removed the old chunk.
 */
export const lazyParts = {
  report: (): Promise<unknown> => import('../kmzb-report-form/kmzb-report-form.js'),
  stats: (): Promise<unknown> => import('../kmzb-stats/kmzb-stats.js'),
  track: (): Promise<unknown> => import('../kmzb-report-track/kmzb-report-track.js'),
};

export type LazyPart = keyof typeof lazyParts;

/**
 * Which lazy parts the host has loaded, and which one could not be. A failure is shown instead
 * of an empty panel and an uncaught error. Browsers keep a failed module import failed for the
 * page's life (Chromium's module map), so asking again cannot help: the host's message offers a
 * reload of the page, and a part is asked for again only when its view is opened again.
 */
export class LazyPartsController {
  readonly #loaded = new Set<LazyPart>();
  /** The part whose chunk could not be loaded (offline, a new deployment). */
  failed: LazyPart | undefined;

  /** The browse panel's template, once the panel elements' chunk (which carries it) is here. */
  browsePanel: typeof renderBrowsePanel | undefined;
  #panelElements: Promise<void> | undefined;

  /** `host` renders again when a part arrives or fails. */
  constructor(private readonly host: ReactiveControllerHost) {}

  /**
   * The map view's panel elements (filters, list, detail, legend): asked for on the first render,
   * once; `ready` waits for them too. A failure leaves the panel's elements undefined (empty).
   */
  panelElements(): Promise<void> {
    this.#panelElements ??= import('./report-panel-elements.js').then(
      (chunk) => {
        this.browsePanel = chunk.renderBrowsePanel;
        this.host.requestUpdate();
      },
      () => undefined,
    );
    return this.#panelElements;
  }

  has(part: LazyPart): boolean {
    return this.#loaded.has(part);
  }

  /** Loads the part a view needs, unless loaded, or failed in this same opening of the view. */
  want(part: LazyPart, reopened: boolean): void {
    if (this.#loaded.has(part) || (this.failed === part && !reopened)) return;
    void this.load(part);
  }

  /** Resolves true once the part is loaded, false if it cannot be. */
  async load(part: LazyPart): Promise<boolean> {
    if (this.#loaded.has(part)) return true;
    try {
      await lazyParts[part]();
      this.#loaded.add(part);
      if (this.failed === part) this.failed = undefined;
      return true;
    } catch {
      this.failed = part;
      return false;
    } finally {
      this.host.requestUpdate();
    }
  }

}
