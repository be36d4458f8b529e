import { svg } from 'lit';

/**
 * The full-screen button's glyph: four corners pointing out (enter) or in (leave). Decorative:
 * the button has its name and aria-pressed says the state.
 */
export function fullscreenIcon(on: boolean) {
  const d = on ? 'M9 4v5H4M15 4v5h5M9 20v-5H4M15 20v-5h5' : 'M4 9V4h5M20 9V4h-5M4 15v5h5M20 15v5h-5';
  return svg`<svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false" fill="none"
    stroke="currentColor" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round"><path d=${d} /></svg>`;
}
