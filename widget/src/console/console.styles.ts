import { css } from 'lit';

/**
 * What every console screen shares (each has its own shadow root, so page CSS does not reach it).
 * Colours keep 4.5:1 contrast on white; focus is always visible, for keyboard users.
 */
export const consoleStyles = css`
  :host { display: block; color: #1b1f24; font: inherit; }
  [hidden] { display: none !important; }
  h2 { font-size: 1.4rem; margin: 0 0 12px; }
  h3 { font-size: 1.1rem; margin: 16px 0 8px; }
  a { color: #0b3d91; }
  button, input, select, textarea { font: inherit; }
  button {
    padding: 6px 12px; color: #fff; background: #0b3d91; border: 1px solid #0b3d91; border-radius: 4px; cursor: pointer;
  }
  button.secondary { color: #0b3d91; background: #fff; }
  button:disabled { opacity: 0.6; cursor: default; }
  input, select, textarea { padding: 4px 6px; border: 1px solid #5c636b; border-radius: 4px; background: #fff; color: inherit; }
  :is(a, button, input, select, textarea, summary, [tabindex]):focus-visible { outline: 3px solid #1a5fb4; outline-offset: 2px; }
  form { display: grid; gap: 10px; max-width: 40rem; }
  label { display: grid; gap: 2px; }
  label.inline { display: flex; gap: 6px; align-items: center; }
  fieldset { border: 1px solid #c9ccd1; border-radius: 4px; padding: 8px; }
  legend { font-weight: 600; }
  .error { color: #a4001d; margin: 0; }
  .hint { color: #4a5058; font-size: 0.9em; margin: 0; }
  .buttons { display: flex; flex-wrap: wrap; gap: 8px; }
  table { border-collapse: collapse; width: 100%; }
  caption { text-align: start; font-weight: 600; padding: 4px 0; }
  th, td { border-bottom: 1px solid #d7dade; padding: 4px 8px; text-align: start; vertical-align: top; }
  .badge { display: inline-block; padding: 1px 6px; border-radius: 10px; font-size: 0.85em; color: #fff; background: #a4001d; margin: 1px; }
  .badge.read { background: #8a4b00; }
`;
