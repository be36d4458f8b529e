import { css } from 'lit';
import { panelStyles } from '../panel.styles.js';

export const styles = [
  panelStyles,
  css`
    :host {
      overflow: auto;
      background: #fff;
    }

    .stats {
      padding: 8px 12px 16px;
    }

    h3,
    h4 {
      margin: 12px 0 6px;
      font-size: 1em;
      font-weight: 600;
    }

    .period {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 6px 8px;
    }

    select,
    input {
      font: inherit;
      padding: 4px 6px;
      border: 1px solid #6b7079;
      border-radius: 4px;
      background: #fff;
      color: #1b1b1b;
    }

    select:focus-visible {
      outline: 3px solid var(--kmzb-focus, #1a5fb4);
      outline-offset: 2px;
    }

    .problem:empty,
    .status:empty {
      display: none;
    }

    .problem {
      color: #a4161a;
      font-weight: 600;
    }

    .shown,
    .note {
      margin: 4px 0;
      color: #3d4148;
      font-size: 0.9em;
    }

    dl {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(12em, 1fr));
      gap: 8px;
      margin: 0;
    }

    dl div {
      padding: 6px 8px;
      border: 1px solid #c9ccd1;
      border-radius: 4px;
    }

    dt {
      font-size: 0.85em;
      color: #3d4148;
    }

    dd {
      margin: 0;
      font-weight: 600;
    }

    svg {
      display: block;
      width: 100%;
      max-width: 40em;
      height: auto;
      font-size: 12px;
      fill: #1b1b1b;
    }

    .actions {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-start;
      gap: 8px;
      justify-content: space-between;
    }

    table {
      border-collapse: collapse;
      margin: 6px 0;
      font-size: 0.9em;
    }

    caption {
      text-align: start;
      font-weight: 600;
    }

    th,
    td {
      padding: 2px 8px;
      border-bottom: 1px solid #c9ccd1;
      text-align: start;
    }

    td {
      text-align: end;
    }

    .legend ul {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 12px;
      margin: 0;
      padding: 0;
      list-style: none;
    }

    .legend li {
      display: flex;
      align-items: center;
      gap: 4px;
    }

    .swatch {
      border: 1px solid #1b1b1b;
      filter: none;
    }

    .legend-title {
      margin: 6px 0 2px;
      font-size: 0.9em;
    }

  `,
];
