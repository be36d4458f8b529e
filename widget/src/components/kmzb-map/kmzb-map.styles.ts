import { css } from 'lit';
import { sharedStyles } from '../base.styles.js';

export const styles = css`
  :host {
    display: block;
  }

  :host([hidden]) {
    display: none;
  }

  /*
   * Inherited properties (font, colour, spacing, alignment ...) cross the shadow boundary from
   * the page; 'all: initial' stops that here, so a host page's CSS cannot restyle the widget
   * (font-size becomes "medium": the reader's own default size, not the page's).
   */
  .frame {
    all: initial;
    display: flex;
    flex-direction: column;
    box-sizing: border-box;
    font-family: system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif;
    line-height: 1.4;
    color: #1b1b1b;
    background: var(--kmzb-background, #f4f5f7);
    border: 1px solid #c9ccd1;
  }

  [hidden] {
    display: none !important;
  }

  /*
   * The title has a row of its own, one line high, and the view buttons the row below: the
   * bar's height then does not depend on the unit's name, which arrives after the map was
   * fitted (a bar that wrapped later would resize the map and move the fitted view).
   */
  .bar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 4px 12px;
    padding: 6px 12px;
    border-bottom: 1px solid #c9ccd1;
  }

  .title {
    flex: 1 0 100%;
    min-width: 0;
    margin: 0;
    overflow: hidden;
    font-size: 1.125em;
    font-weight: 600;
    white-space: nowrap;
    text-overflow: ellipsis;
  }

  .form {
    flex: 1 1 auto;
    min-height: 0;
    background: #fff;
  }

  /* While the place is chosen the map keeps most of the height; the form below scrolls. */
  .report .viewport {
    flex: 1 1 55%;
    min-height: 160px;
  }

  .report .viewport:not([hidden]) + .form {
    flex: 0 1 auto;
    max-height: 45%;
    border-top: 1px solid #c9ccd1;
  }

  /* The statistics scroll below a smaller map, which shows their choropleth. */
  .stats .viewport {
    flex: 0 0 40%;
    min-height: 140px;
  }

  .stats-view {
    flex: 1 1 auto;
    min-height: 0;
    border-top: 1px solid #c9ccd1;
  }

  .views {
    display: flex;
    gap: 4px;
    margin-inline-end: auto;
  }

  .views button {
    padding: 6px 12px;
  }

  /* The pressed view reads as selected by fill and by its state (announced), not colour alone. */
  .views button[aria-pressed='true'] {
    color: #fff;
    background: var(--kmzb-accent, #0b3d91);
    text-decoration: underline;
    text-underline-offset: 3px;
  }

  /* The keyboard's pin: Enter or Space drops it at the centre of the map, under these lines. */
  .crosshair {
    position: absolute;
    top: 50%;
    left: 50%;
    width: 32px;
    height: 32px;
    margin: -16px 0 0 -16px;
    pointer-events: none;
    background:
      linear-gradient(#1b1b1b, #1b1b1b) center / 2px 100% no-repeat,
      linear-gradient(#1b1b1b, #1b1b1b) center / 100% 2px no-repeat;
    filter: drop-shadow(0 0 1px #fff) drop-shadow(0 0 1px #fff);
  }

  .viewport {
    position: relative;
    flex: 1;
    min-height: 0;
  }

  .map {
    position: absolute;
    inset: 0;
    /* A light ground, so the outline reads without a basemap too (basemap="none"). */
    background: var(--kmzb-map-background, #eef1f4);
  }

  .map:focus {
    outline: none;
  }

  .map:focus-visible {
    outline: 3px solid var(--kmzb-focus, #1a5fb4);
    outline-offset: -3px;
  }

  .overlay {
    position: absolute;
    inset: 0;
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: 12px;
    padding: 16px;
    text-align: center;
    pointer-events: none;
  }

  .overlay.shown {
    background: rgba(255, 255, 255, 0.82);
    pointer-events: auto;
  }

  .message:empty {
    display: none;
  }

  .message {
    max-width: 36em;
    padding: 12px 16px;
    background: #fff;
    border: 1px solid #c9ccd1;
    border-radius: 4px;
  }

  button {
    font: inherit;
    padding: 8px 16px;
    color: #fff;
    background: var(--kmzb-accent, #0b3d91);
    border: 0;
    border-radius: 4px;
    cursor: pointer;
  }

  button.secondary {
    color: var(--kmzb-accent, #0b3d91);
    background: #fff;
    border: 1px solid currentColor;
  }

  button:focus-visible {
    outline: 3px solid var(--kmzb-focus, #1a5fb4);
    outline-offset: 2px;
  }

  /* Nowhere to report to (no unit shown): still focusable, described by the reason. */
  button[aria-disabled='true'] {
    background: #595959;
    cursor: not-allowed;
  }

  .part-failed {
    padding: 1rem;
    text-align: center;
  }

  ${sharedStyles}
`;
