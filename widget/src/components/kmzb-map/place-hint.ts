import type { ReactiveControllerHost } from 'lit';

/**
 * Where the report form is in choosing the place, as the map shows it: the crosshair while the
 * form's step is "place", and after "Report a threat" a short instruction over the map until
 * the reader acts on it (clicks or taps the map, presses Enter or Space, leaves the map) or the
 * step moves on.
 */
export class PlaceHint {
  /** The form's step ("place" until the form says otherwise). */
  step = 'place';
  /** The instruction over the map shows. */
  instruction = false;

  /** `host` renders again when the hint changes. */
  constructor(private readonly host: ReactiveControllerHost) {}

  /** The form's step changed. */
  stepped(step: string): void {
    this.step = step;
    if (step !== 'place') this.instruction = false;
    this.host.requestUpdate();
  }

  /** "Report a threat" put focus on the map: say how to place the pin. */
  show(): void {
    this.instruction = true;
    this.host.requestUpdate();
  }

  /** Acted on, or the reader left the map. */
  readonly drop = (): void => {
    if (!this.instruction) return;
    this.instruction = false;
    this.host.requestUpdate();
  };

  /** The form closed: the next opening starts at the place again. */
  reset(): void {
    this.step = 'place';
    this.instruction = false;
  }
}
