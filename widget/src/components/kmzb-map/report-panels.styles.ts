import { css } from 'lit';

/** The map view's report pieces: the skip link over the map; filters, legend, detail and list in the panel. */
export const reportPanelStyles = css`
  .reports-status {
    display: flex;
    align-items: center;
    gap: 8px;
    min-height: 44px;
  }

  /* No taller than the text: the head keeps its height from loading to loaded. */
  .reports-status .spinner {
    box-sizing: border-box;
  }

  .panel-body > kmzb-report-filters,
  .panel-body > .legend,
  .panel-body > .detail,
  .panel-body > .list {
    padding: 0 12px;
    border-bottom: 1px solid #dde0e4;
  }

  /*
   * The first stop of a keyboard reader who wants the list, not the map: out of sight until
   * focused (still in the tab order and the accessibility tree), then at the map's top left,
   * inside the widget, over the map's own controls for that moment and never over the title.
   */
  .skip {
    position: absolute;
    z-index: 5;
    top: 8px;
    left: 8px;
    border-radius: 4px;
    color: #fff;
    background: var(--kmzb-accent, #0b3d91);
  }

  .skip:not(:focus) {
    clip-path: inset(50%);
    width: 1px;
    height: 1px;
    min-width: 0;
    min-height: 0;
    overflow: hidden;
    white-space: nowrap;
    margin: -1px;
    padding: 0;
    border: 0;
  }

  .skip:focus,
  .skip:focus-visible {
    outline: 3px solid var(--kmzb-focus, #1a5fb4);
    outline-offset: 2px;
  }

  .detail {
    padding-top: 10px !important;
    padding-bottom: 10px !important;
    background: #f7f9fc;
    box-shadow: inset 4px 0 0 var(--kmzb-accent, #0b3d91);
  }

  /* A 44 px target, still a list item (its disclosure triangle stays). */
  .legend summary {
    box-sizing: border-box;
    min-height: 44px;
    padding-block: 10px;
    cursor: pointer;
  }

  .legend ul {
    margin: 0 0 8px;
    padding: 0;
    list-style: none;
  }

  .legend li {
    display: flex;
    align-items: center;
    gap: 4px;
  }

  .legend .badge {
    flex: none;
    margin-inline-end: 4px;
    color: #1b1b1b;
  }

  .legend .icon {
    flex: none;
    color: var(--kmzb-accent, #0b3d91);
  }

  .legend-note {
    margin: 4px 0 8px;
    font-size: 0.875em;
    color: #44474d;
  }

  .legend-title {
    margin: 4px 0 2px;
    font-weight: 600;
  }

  .list {
    border-bottom: 0 !important;
  }

  .swatch {
    display: inline-block;
    flex: none;
    width: 0.9em;
    height: 0.9em;
    margin-inline-end: 0.35em;
    border: 2px solid #1b1b1b;
    border-radius: 50%;
  }

  summary:focus-visible,
  a:focus-visible {
    outline: 3px solid var(--kmzb-focus, #1a5fb4);
    outline-offset: 2px;
  }
`;
