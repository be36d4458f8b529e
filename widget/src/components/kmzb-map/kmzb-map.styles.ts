import { css } from 'lit';
import { sharedStyles } from '../base.styles.js';

export const styles = css`
  /* Full screen: the host in the browser's full screen, or (without that API) the frame over the page. */
  .frame.fullscreen {
    position: fixed;
    inset: 0;
    z-index: 2147483647;
  }

  [hidden] {
    display: none !important;
  }

  /*
   * One row on a wide widget (title, view switch, report button, full screen); on a narrow one
   * the title shares its row with the full-screen button and the view buttons take the next.
   * The bar's height never depends on the unit's name, which arrives after the map was fitted.
   */
  .bar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 4px 8px;
    padding: 4px 8px;
    border-bottom: 1px solid #c9ccd1;
  }

  .title {
    flex: 1 1 0;
    min-width: 0;
    margin: 0;
    overflow: hidden;
    font-size: 1.125em;
    font-weight: 600;
    white-space: nowrap;
    text-overflow: ellipsis;
  }

  #fullscreen {
    order: 3;
  }

  @container kmzb-frame (max-width: 719.98px) {
    .title {
      flex-basis: calc(100% - 60px);
    }

    #fullscreen {
      order: 0;
    }
  }

  /* Below the bar: the map, and the panel beside it (wide) or over its lower part (narrow). */
  .body {
    position: relative;
    display: flex;
    flex: 1 1 auto;
    min-height: 0;
  }

  .viewport {
    position: relative;
    flex: 1 1 auto;
    min-width: 0;
  }

  .panel {
    display: flex;
    flex-direction: column;
    box-sizing: border-box;
    flex: 0 0 clamp(320px, 38%, 420px);
    /* Its width never follows its content (a long name, a wide table): the map's size, and the
       view the reports were asked for, stay put while the panels fill in. */
    min-width: 0;
    min-height: 0;
    background: #fff;
    border-inline-start: 1px solid #c9ccd1;
  }

  .panel-head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 4px 8px;
    padding: 2px 12px;
    border-bottom: 1px solid #c9ccd1;
  }

  .panel-head:not(.has-status),
  .panel-toggle {
    display: none;
  }

  .panel-body {
    flex: 1 1 auto;
    min-height: 0;
    overflow: auto;
    overscroll-behavior: contain;
    /* A scrollbar coming and going would change the panels' width, and their layout with it. */
    scrollbar-gutter: stable;
  }

  /* The form and the statistics scroll themselves: the form's "Next" and "Send" stick to its bottom. */
  .report .panel-body,
  .stats .panel-body {
    display: flex;
    flex-direction: column;
    overflow: hidden;
  }

  .form,
  .stats-view {
    flex: 1 1 auto;
    min-height: 0;
    background: #fff;
  }

  /*
   * Narrow: the map takes the whole body and the panel is a sheet over its lower part, at most
   * half of it, closed to its head on the map view (the map then has nearly the whole frame).
   */
  @container kmzb-frame (max-width: 719.98px) {
    .panel {
      position: absolute;
      z-index: 4;
      inset: auto 0 0 0;
      max-height: 55%;
      border: 0;
      border-top: 1px solid #c9ccd1;
      border-radius: 8px 8px 0 0;
      box-shadow: 0 -2px 8px rgba(0, 0, 0, 0.18);
    }

    .panel-head:not(.has-status) {
      display: flex;
      justify-content: end;
    }

    .panel-toggle {
      display: inline-block;
    }

    .frame:not(.panel-open) .panel-body {
      display: none;
    }

    /*
     * Outside the map view the head holds only the toggle: it becomes a tab on the sheet's top
     * edge, over the map's corner, so the form's step starts at the top of the sheet; the sheet
     * is then lower (45 % of the map, not 55 %) for as much of the form, and more of the map
     * shows while the form is filled in.
     */
    .frame:not(.browsing) .panel {
      max-height: 45%;
    }

    .frame:not(.browsing) .panel-head {
      position: absolute;
      right: 8px;
      bottom: calc(100% + 8px);
      padding: 0;
      border: 0;
    }

    .frame:not(.browsing) .panel-toggle {
      box-shadow: 0 1px 4px rgba(0, 0, 0, 0.3);
    }

    /* Above the sheet's head, and the attribution at the top right, where the sheet never is. */
    .map .ol-attribution {
      top: 0.5em;
      bottom: auto;
    }
  }

  .views {
    display: flex;
    gap: 4px;
    margin-inline-end: auto;
  }

  .views button {
    padding: 6px 12px;
  }

  /* Narrow: Map, Statistics and Report a threat still share one row at 340 px. */
  @container kmzb-frame (max-width: 719.98px) {
    .views button,
    #view-button {
      padding: 6px 8px;
      font-size: 0.9375em;
    }
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
    /* The middle of the part of the map that shows (a narrow widget's sheet covers the rest). */
    top: calc((100% - var(--kmzb-covered, 0px)) / 2);
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

  /* Every button is a 44 × 44 px target at least (WCAG 2.5.5), the map's own controls too. */
  button {
    box-sizing: border-box;
    min-width: 44px;
    min-height: 44px;
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

  .icon-button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    padding: 0;
  }

  .map .ol-control button {
    width: 44px;
    height: 44px;
    min-width: 44px;
    min-height: 44px;
    margin: 0;
    padding: 0;
    font-size: 1.5em;
    color: #1b1b1b;
    background: rgba(255, 255, 255, 0.95);
    border: 1px solid #6b6f76;
    border-radius: 4px;
  }

  .map .ol-zoom {
    display: flex;
    flex-direction: column;
    gap: 4px;
  }

  .map .ol-control {
    padding: 0;
    background: none;
  }

  /* The instruction after "Report a threat", at the top of the map, clear of its controls. */
  .instruction {
    position: absolute;
    z-index: 3;
    top: 8px;
    left: 60px;
    right: 8px;
    max-width: 28em;
    margin: 0;
    padding: 8px 12px;
    font-weight: 600;
    background: #fff;
    border: 2px solid var(--kmzb-accent, #0b3d91);
    border-radius: 4px;
    pointer-events: none;
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
