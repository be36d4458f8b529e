import { css } from 'lit';
import { sharedStyles } from './base.styles.js';

/**
 * What the map's panels (filters, list, detail) share. Each panel has its own shadow root, so the
 * basics are repeated there: no page CSS reaches in, and the frame's reset does not either.
 */
export const panelStyles = css`
  :host {
    display: block;
    font: inherit;
    color: inherit;
  }

  [hidden] {
    display: none !important;
  }

  /* Targets: 44 × 44 px for buttons, 24 px for checkboxes and radios (WCAG 2.5.5 / 2.5.8). */
  button {
    box-sizing: border-box;
    min-width: 44px;
    min-height: 44px;
    font: inherit;
    padding: 6px 12px;
    color: #fff;
    background: var(--kmzb-accent, #0b3d91);
    border: 1px solid var(--kmzb-accent, #0b3d91);
    border-radius: 4px;
    cursor: pointer;
  }

  button.secondary,
  button.link {
    color: var(--kmzb-accent, #0b3d91);
    background: #fff;
  }

  button.link {
    padding: 2px 4px;
    border: 0;
    text-align: start;
    text-decoration: underline;
  }

  input[type='checkbox'],
  input[type='radio'] {
    flex: none;
    width: 24px;
    height: 24px;
    margin: 0;
  }

  summary {
    min-height: 44px;
    box-sizing: border-box;
    padding-block: 10px;
    cursor: pointer;
  }

  button:focus-visible,
  input:focus-visible,
  summary:focus-visible,
  [tabindex='-1']:focus-visible {
    outline: 3px solid var(--kmzb-focus, #1a5fb4);
    outline-offset: 2px;
  }

  .icon {
    flex: none;
    vertical-align: middle;
  }

  /* The status colour next to its name (never alone): a disc with the markers' dark outline. */
  .swatch {
    display: inline-block;
    flex: none;
    width: 0.9em;
    height: 0.9em;
    margin-inline-end: 0.35em;
    vertical-align: -0.1em;
    border: 2px solid #1b1b1b;
    border-radius: 50%;
  }

  ${sharedStyles}
`;
