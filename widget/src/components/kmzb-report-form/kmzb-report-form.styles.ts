import { css } from 'lit';
import { sharedStyles } from '../base.styles.js';

export const styles = css`
  :host {
    display: block;
    overflow: auto;
    /* The form's own width decides how compact it is (a phone's sheet, a wide panel). */
    container: kmzb-form / inline-size;
  }

  form {
    padding: 8px 12px 12px;
  }

  p {
    margin: 0 0 8px;
  }

  p:empty {
    display: none;
  }

  h3 {
    margin: 0 0 8px;
    font-size: 1.05em;
  }

  h3:focus {
    outline: none;
  }

  h3:focus-visible {
    outline: 3px solid var(--kmzb-focus, #1a5fb4);
    outline-offset: 2px;
  }

  .urgent {
    padding: 6px 10px;
    font-weight: 600;
    background: #fff4ce;
    border-inline-start: 4px solid #8a6100;
  }

  /* In a phone's sheet the notice stays, in three lines instead of four: the step needs the room. */
  @container kmzb-form (max-width: 479.98px) {
    .urgent {
      padding: 4px 8px;
      font-size: 0.875em;
    }
  }

  /* Refused before typing (daily rule, page not allowed): said first, in the error's colour. */
  .refusal {
    padding: 6px 10px;
    font-weight: 600;
    color: #b3261e;
    background: #fdecea;
    border-inline-start: 4px solid #b3261e;
  }

  /* A long private link wraps inside the panel instead of running out of it. */
  .tracking-link {
    overflow-wrap: anywhere;
  }

  .refusal p {
    margin: 4px 0;
  }

  .step-of {
    margin: 0;
    font-size: 0.875em;
    color: #44474d;
  }

  .note {
    font-size: 0.9em;
    color: #44474d;
  }

  .error {
    font-weight: 600;
    color: #b3261e;
  }

  .unit {
    font-weight: 600;
  }

  .row,
  .nav {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
  }

  /*
   * The step's primary action ("Next", "Send") is never below a fold: the bar sticks to the
   * bottom of the form's scrolling box while the step's content scrolls under it.
   */
  .nav {
    position: sticky;
    z-index: 1;
    bottom: 0;
    margin: 12px -12px 0;
    padding: 8px 12px;
    background: #fff;
    border-top: 1px solid #dde0e4;
  }

  input[type='checkbox'],
  input[type='radio'] {
    flex: none;
    width: 24px;
    height: 24px;
    margin: 0;
  }

  fieldset {
    margin: 0 0 12px;
    padding: 0;
    border: 0;
    min-width: 0;
  }

  legend {
    display: flex;
    align-items: center;
    gap: 6px;
    padding: 0;
    margin-bottom: 4px;
    font-weight: 600;
  }

  .domain {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(14em, 1fr));
    gap: 4px;
  }

  .domain > legend {
    grid-column: 1 / -1;
  }

  .choice,
  .check {
    display: flex;
    align-items: center;
    gap: 6px;
    padding: 4px 6px;
    border-radius: 4px;
    cursor: pointer;
  }

  .choice:has(:checked) {
    background: #dde7f7;
  }

  .checks {
    display: flex;
    flex-wrap: wrap;
    gap: 0 8px;
  }

  .checks > legend {
    width: 100%;
    font-weight: 400;
  }

  .icon {
    flex: none;
    color: var(--kmzb-accent, #0b3d91);
  }

  .field {
    margin-bottom: 12px;
  }

  .field > label {
    display: block;
    font-weight: 600;
  }

  textarea,
  input[type='datetime-local'],
  input[type='file'] {
    box-sizing: border-box;
    max-width: 100%;
    font: inherit;
  }

  textarea {
    width: 100%;
    padding: 6px;
    border: 1px solid #6b6f76;
    border-radius: 4px;
  }

  .count {
    font-size: 0.875em;
    text-align: end;
  }

  .nearby,
  .photos {
    margin: 0 0 8px;
    padding: 0;
    list-style: none;
  }

  .nearby li {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 8px;
    padding: 8px 0;
    border-top: 1px solid #c9ccd1;
  }

  .photos {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
  }

  .photos li {
    display: flex;
    flex-direction: column;
    gap: 4px;
    width: 8em;
  }

  .photos img {
    width: 100%;
    height: 6em;
    object-fit: cover;
    border: 1px solid #c9ccd1;
  }

  .report-id {
    font-size: 1.1em;
    font-weight: 600;
  }

  button {
    box-sizing: border-box;
    min-width: 44px;
    min-height: 44px;
    font: inherit;
    padding: 8px 16px;
    border-radius: 4px;
    cursor: pointer;
  }

  .primary {
    color: #fff;
    background: var(--kmzb-accent, #0b3d91);
    border: 1px solid transparent;
  }

  .secondary {
    color: var(--kmzb-accent, #0b3d91);
    background: #fff;
    border: 1px solid currentColor;
  }

  button:disabled {
    cursor: not-allowed;
    opacity: 0.6;
  }

  button:focus-visible,
  input:focus-visible,
  textarea:focus-visible,
  summary:focus-visible {
    outline: 3px solid var(--kmzb-focus, #1a5fb4);
    outline-offset: 2px;
  }

  /* On the accent-coloured submit button: white, thinner (more specific than the base rule). */
  button .spinner {
    width: 0.9em;
    height: 0.9em;
    vertical-align: -0.1em;
    border: 2px solid rgba(255, 255, 255, 0.5);
    border-top-color: #fff;
  }

  .mine {
    margin-top: 16px;
  }

  summary {
    box-sizing: border-box;
    min-height: 44px;
    padding-block: 10px;
    cursor: pointer;
    font-weight: 600;
  }

  ${sharedStyles}
`;
