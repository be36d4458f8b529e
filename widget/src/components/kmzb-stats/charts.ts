import { svg, type SVGTemplateResult } from 'lit';
import type { DataRow } from './csv.js';

/**
 * SVG charts drawn straight from the rows (no chart library: two chart shapes of a few dozen
 * lines each cost less than any library's bundle, and their markup stays ours to make accessible).
 * Every bar carries its value in text beside it: colour and length are never the only cue.
 */

export interface ChartRow extends DataRow {
  /** What the reader sees as the value: the count, or the withheld marker. */
  value: string;
  /** A shorter name where room is scarce (the month axis); default the label. */
  short?: string;
  /** The bar's fill; its dark outline gives the 3:1 contrast with the background (WCAG 1.4.11). */
  color: string;
}

/** A chart's drawing and the height of its viewBox (the width is always WIDTH). */
export interface Drawing {
  height: number;
  body: SVGTemplateResult[];
}

export const WIDTH = 480;
const OUTLINE = '#1b1b1b';

function biggest(rows: readonly ChartRow[]): number {
  return Math.max(1, ...rows.map((r) => r.count ?? 0));
}

/** Horizontal bars, one row each: the name above its bar, the value at the bar's end. */
export function barChart(rows: readonly ChartRow[]): Drawing {
  const step = 34;
  const max = biggest(rows);
  const room = WIDTH - 90; // left for the value text after the longest bar
  const body = rows.map((r, i) => {
    const top = i * step;
    const width = r.count ? Math.max(2, (r.count / max) * room) : 0;
    return svg`<g class="bar" data-key=${r.key}>
      <text x="0" y=${top + 12} class="label">${r.label}</text>
      ${width ? svg`<rect x="0" y=${top + 16} width=${width} height="14" fill=${r.color} stroke=${OUTLINE}></rect>` : null}
      <text x=${width + 6} y=${top + 28} class="value">${r.value}</text>
    </g>`;
  });
  return { height: Math.max(step, rows.length * step), body };
}

/** Columns along time (the months): the value above each, its short name below. */
export function columnChart(rows: readonly ChartRow[]): Drawing {
  const height = 200;
  const base = height - 24;
  const plot = base - 20;
  const max = biggest(rows);
  const slot = WIDTH / Math.max(1, rows.length);
  // Names thinned out when they would collide (more than ~16 months): every n-th one shown.
  const every = Math.ceil(rows.length / 16);
  const body = rows.map((r, i) => {
    const x = i * slot + slot * 0.15;
    const h = r.count ? Math.max(2, (r.count / max) * plot) : 0;
    const middle = i * slot + slot / 2;
    return svg`<g class="bar" data-key=${r.key}>
      ${h ? svg`<rect x=${x} y=${base - h} width=${slot * 0.7} height=${h} fill=${r.color} stroke=${OUTLINE}></rect>` : null}
      <text x=${middle} y=${base - h - 4} text-anchor="middle" class="value">${r.value}</text>
      ${i % every === 0 ? svg`<text x=${middle} y=${height - 6} text-anchor="middle" class="label">${r.short ?? r.label}</text>` : null}
    </g>`;
  });
  body.push(svg`<line x1="0" x2=${WIDTH} y1=${base} y2=${base} stroke=${OUTLINE}></line>`);
  return { height, body };
}
