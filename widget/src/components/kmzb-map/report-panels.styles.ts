import { css } from 'lit';

/** Layout of the map view's report pieces: filters bar, skip link, detail and legend over the map, list below. */
export const reportPanelStyles = css`
  .browse {
    display: flex;
    flex-wrap: wrap;
    align-items: start;
    justify-content: space-between;
    gap: 4px 12px;
    padding: 2px 12px;
    border-bottom: 1px solid #c9ccd1;
  }

  kmzb-report-filters {
    flex: 1 1 16em;
  }

  .reports-status {
    display: flex;
    align-items: center;
    gap: 8px;
    padding: 4px 0;
  }

  /* No taller than the text: the bar keeps its height from loading to loaded, so does the map. */
  .reports-status .spinner {
    box-sizing: border-box;
  }

  /* Out of sight until focused: the first stop of a keyboard reader who wants the list, not the map. */
  .skip {
    position: absolute;
    border-radius: 0;
    z-index: 3;
    margin: 4px;
    padding: 6px 10px;
    color: #fff;
    background: var(--kmzb-accent, #0b3d91);
  }

  /*
   * Out of sight until focused, but still in the tab order and the accessibility tree. Clipped
   * in place: moved up instead, it showed above the widget, over the host page's text.
   */
  .skip:not(:focus) {
    clip-path: inset(50%);
    width: 1px;
    height: 1px;
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
    position: absolute;
    z-index: 2;
    top: 8px;
    right: 8px;
    bottom: 8px;
    width: min(22em, calc(100% - 16px));
    overflow: auto;
    box-sizing: border-box;
    padding: 10px 12px;
    background: #fff;
    border: 1px solid #c9ccd1;
    border-radius: 4px;
    box-shadow: 0 2px 8px rgba(0, 0, 0, 0.2);
  }

  .legend {
    position: absolute;
    z-index: 1;
    left: 8px;
    bottom: 8px;
    max-height: calc(100% - 16px);
    overflow: auto;
    padding: 4px 8px;
    background: rgba(255, 255, 255, 0.95);
    border: 1px solid #c9ccd1;
    border-radius: 4px;
  }

  .legend summary {
    cursor: pointer;
  }

  .legend ul {
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .legend li {
    display: flex;
    align-items: center;
    gap: 4px;
  }

  .legend-title {
    margin: 4px 0 2px;
    font-weight: 600;
  }

  /* A fixed share of the frame whatever the list holds: when the reports arrive the map keeps
     its size, so the unit's fit stays whole, and the map is neither drawn nor asked for twice. */
  .list {
    flex: 0 0 38%;
    min-height: 0;
    overflow: auto;
    padding: 0 12px;
    background: #fff;
    border-top: 1px solid #c9ccd1;
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
