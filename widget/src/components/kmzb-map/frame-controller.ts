import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * The widget's frame as a layout: full screen, and the part of the map a narrow widget's sheet
 * covers. Full screen is the Fullscreen API on the host where the page allows it, else the
 * frame fixed over the page (iPhone Safari has no element full screen); Escape or the button
 * leaves either. The covered part (the sheet's height, nothing when the panel sits beside the
 * map) goes to `onCovered`, for the map's view padding and the crosshair.
 */
export class FrameController implements ReactiveController {
  /** The frame fills the screen (the Fullscreen API, or a fixed frame where it is missing). */
  fullscreen = false;
  /** The host is the document's full-screen element (so leaving it is the browser's doing). */
  #inFullscreen = false;
  readonly #panelSize = new ResizeObserver(() => this.syncCovered());

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly root: () => ParentNode,
    private readonly onCovered: (pixels: number) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('fullscreenchange', this.#onFullscreenChange);
    this.#observe(); // re-added to the page (the first time, the frame is not rendered yet)
  }

  hostDisconnected(): void {
    document.removeEventListener('fullscreenchange', this.#onFullscreenChange);
    this.#panelSize.disconnect();
  }

  /**
   * Once the frame is rendered: observe the panel. Its first report comes with the next frame,
   * after its layout, not forced in this task (the map that uses it is created after that paint).
   */
  firstRendered(): void {
    this.#observe();
  }

  /**
   * A narrow widget's sheet covers the lower part of the map: the map's view is padded by it (its
   * centre, the crosshair and its fits are in the part that shows). Beside the map: nothing covered.
   */
  syncCovered(): void {
    const root = this.root();
    const panel = root.querySelector<HTMLElement>('.panel');
    const viewport = root.querySelector<HTMLElement>('.viewport');
    if (!panel || !viewport) return;
    const covered = getComputedStyle(panel).position === 'absolute' ? panel.getBoundingClientRect().height : 0;
    this.onCovered(covered);
    viewport.style.setProperty('--kmzb-covered', `${Math.round(covered)}px`);
  }

  async toggleFullscreen(): Promise<void> {
    if (this.fullscreen) return this.leaveFullscreen();
    this.#set(true);
    if (!document.fullscreenEnabled || document.fullscreenElement) return;
    await this.host.requestFullscreen().catch(() => undefined); // refused: the fixed frame stays
  }

  async leaveFullscreen(): Promise<void> {
    this.#set(false);
    if (document.fullscreenElement === this.host) await document.exitFullscreen().catch(() => undefined);
  }

  /** The frame's keys: the fixed frame (no Fullscreen API) is left with Escape too, as the real full screen is. */
  readonly onKey = (event: KeyboardEvent): void => {
    if (event.key === 'Escape' && this.fullscreen && !document.fullscreenElement) void this.leaveFullscreen();
  };

  #observe(): void {
    const root = this.root();
    const panel = root.querySelector('.panel');
    const body = root.querySelector('.body');
    if (panel) this.#panelSize.observe(panel);
    if (body) this.#panelSize.observe(body);
  }

  #set(fullscreen: boolean): void {
    this.fullscreen = fullscreen;
    this.host.requestUpdate();
  }

  /** Full screen left by the browser (Escape, a system gesture): the frame follows. */
  readonly #onFullscreenChange = (): void => {
    if (document.fullscreenElement === this.host) this.#inFullscreen = true;
    else if (this.#inFullscreen) {
      this.#inFullscreen = false;
      this.#set(false);
    }
  };
}
