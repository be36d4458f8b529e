import type { FeatureLike } from 'ol/Feature.js';
import { DEVICE_PIXEL_RATIO } from 'ol/has.js';
import Circle from 'ol/style/Circle.js';
import Icon from 'ol/style/Icon.js';
import Stroke from 'ol/style/Stroke.js';
import Style from 'ol/style/Style.js';
import type { Domain, Status } from '../../../common/catalogue.js';
import { CATEGORY_GLYPHS, STATUS_BADGES } from './category-glyphs.js';
import { DOMAIN_GLYPHS } from './glyphs.js';

/** The statuses the public map shows (DESIGN.md section 5), in workflow order. */
export const PUBLIC_STATUSES = ['new', 'verifying', 'confirmed', 'eliminated', 'forwarded', 'not_confirmed'] as const satisfies readonly Status[];
export type PublicStatus = (typeof PUBLIC_STATUSES)[number];

/**
 * Marker fill per status. The first three are the national map's (new green, verifying yellow,
 * confirmed red); the rest are told apart from them and from each other by hue and lightness
 * (blue, purple, light grey), so they stay distinct for the common colour-vision deficiencies.
 * Colour is never alone: the list, legend and detail say the status in words.
 */
export const STATUS_COLORS: Readonly<Record<Status, string>> = {
  new: '#2e9e44',
  verifying: '#f5c518',
  confirmed: '#d62d20',
  eliminated: '#2f6fd0',
  forwarded: '#7b3fa0',
  not_confirmed: '#c8ccd2',
  prank: '#c8ccd2',
  hidden: '#c8ccd2',
};

/** The dark outline that lets every marker read on a plain background as on map tiles. */
const OUTLINE = '#1b1b1b';
const SELECTED = '#0b3d91';

/** Black or white, whichever reads better on the fill (WCAG relative luminance). */
function inkOn(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b! > 0.18 ? OUTLINE : '#fff';
}

const SIZE = 28;

/**
 * A marker drawn once into a canvas: OL draws it at once, with no image to load and decode (an
 * SVG image is a whole document to Chromium: loading the 42 markers' SVGs took ~80 ms of the
 * main thread while the first reports were arriving, and an icon still loading when the reports
 * are drawn makes OL draw them a second time).
 */
class MarkerIcon extends Icon {
  constructor(
    canvas: HTMLCanvasElement,
    ratio: number,
    private readonly size = SIZE,
    /** A cluster's count, drawn into its canvas (see clusterCanvas). */
    readonly label?: string,
  ) {
    super({ img: canvas, scale: 1 / ratio });
  }

  // OL's Icon.clone() rebuilds from a src; a canvas marker is cloned from its canvas.
  override clone(): MarkerIcon {
    const image = this.getImage(1) as HTMLCanvasElement;
    return new MarkerIcon(image, image.width / this.size, this.size, this.label);
  }
}

/**
 * A report marker, drawn into a canvas at the map's pixel ratio: a status-coloured disc with a
 * white halo and a dark outline, the category's symbol inside, and the status's badge (its
 * second cue, not colour) at the lower right.
 */
function markerCanvas(status: Status, glyph: string | undefined, ratio: number): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = Math.round(SIZE * ratio);
  const ctx = canvas.getContext('2d')!;
  ctx.scale(ratio, ratio);
  const fill = STATUS_COLORS[status];
  disc(ctx, 14, 14, 12.5, '#fff');
  disc(ctx, 14, 14, 11, fill, OUTLINE, 2);
  ctx.lineCap = ctx.lineJoin = 'round';
  if (glyph) {
    ctx.save();
    ctx.translate(7, 7);
    ctx.scale(0.58, 0.58);
    ctx.lineWidth = 2.8;
    ctx.strokeStyle = inkOn(fill);
    for (const path of glyphPaths(glyph)) ctx.stroke(path);
    ctx.restore();
  }
  const badge = STATUS_BADGES[status];
  if (badge) {
    disc(ctx, 22, 22, 5.5, '#fff', OUTLINE, 1.2);
    ctx.translate(18.4, 18.4);
    ctx.scale(0.3, 0.3);
    ctx.lineWidth = 5;
    ctx.strokeStyle = OUTLINE;
    for (const path of glyphPaths(badge)) ctx.stroke(path);
  }
  return canvas;
}

function disc(ctx: CanvasRenderingContext2D, x: number, y: number, r: number, fill: string, stroke?: string, width = 1): void {
  ctx.beginPath();
  ctx.arc(x, y, r, 0, 2 * Math.PI);
  ctx.fillStyle = fill;
  ctx.fill();
  if (!stroke) return;
  ctx.lineWidth = width;
  ctx.strokeStyle = stroke;
  ctx.stroke();
}

const glyphs = new Map<string, Path2D[]>();

/** A glyph's shapes (the `<path d>` and `<circle>` elements of its SVG string) as canvas paths, parsed once. */
function glyphPaths(svg: string): Path2D[] {
  let paths = glyphs.get(svg);
  if (!paths) {
    paths = [];
    for (const [, tag, attrs] of svg.matchAll(/<(path|circle)\b([^>]*)>/g)) {
      const attr = (name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(attrs!)?.[1] ?? '';
      if (tag === 'path') paths.push(new Path2D(attr('d')));
      else {
        const circle = new Path2D();
        circle.arc(Number(attr('cx')), Number(attr('cy')), Number(attr('r')), 0, 2 * Math.PI);
        paths.push(circle);
      }
    }
    glyphs.set(svg, paths);
  }
  return paths;
}

/** A category's symbol; a category the widget has no symbol for (the catalogue grew) gets its domain's. */
export function categoryGlyph(category: string, domain: Domain | undefined): string | undefined {
  return CATEGORY_GLYPHS[category] ?? (domain ? DOMAIN_GLYPHS[domain] : undefined);
}

const markers = new Map<string, Style>();

/**
 * The (cached) style of a report marker: one image per status and category, drawn in one call.
 * Made on first use, in the frame that first draws it (a canvas is drawn synchronously, there is
 * nothing to load): only the pairs in the answer are ever drawn.
 */
export function reportStyle(status: Status, category: string, domain?: Domain): Style {
  const key = `${status} ${category}`;
  let style = markers.get(key);
  if (!style) {
    // The map canvas's own pixel ratio: OL then copies the marker 1:1 (a 2x marker scaled down
    // onto a 1x canvas cost ~30 ms more per frame of 5,000 markers, and looked no sharper).
    const ratio = DEVICE_PIXEL_RATIO;
    style = new Style({ image: new MarkerIcon(markerCanvas(status, categoryGlyph(category, domain), ratio), ratio) });
    markers.set(key, style);
  }
  return style;
}

/** A ring under the selected marker: wider than the marker, in the focus colour with a halo. */
export const selectedRing = [
  new Style({ image: new Circle({ radius: 19, stroke: new Stroke({ color: '#fff', width: 7 }) }), zIndex: 1 }),
  new Style({ image: new Circle({ radius: 19, stroke: new Stroke({ color: SELECTED, width: 4 }) }), zIndex: 1 }),
];

const clusters = new Map<string, Style>();

/**
 * A cluster (the server's, or the map's own below the server's threshold): a ring split by the
 * statuses of its reports in their colours, white inside, the count in the middle; sized by the
 * count. The count is the cue that is not colour; the legend names the colours.
 */
export function clusterStyle(count: number, statuses: Readonly<Partial<Record<string, number>>> = {}): Style {
  const key = `${count} ${PUBLIC_STATUSES.map((s) => statuses[s] ?? 0).join(',')}`;
  let style = clusters.get(key);
  if (!style) {
    if (clusters.size > 2000) clusters.clear(); // counts vary without end; keep the cache small
    const radius = 15 + Math.min(10, 4 * Math.log10(Math.max(1, count)));
    const ratio = DEVICE_PIXEL_RATIO;
    const label = count >= 10_000 ? `${Math.round(count / 1000)}k` : String(count);
    style = new Style({ image: new MarkerIcon(clusterCanvas(radius, statuses, ratio, label), ratio, Math.ceil(radius + 2) * 2, label) });
    clusters.set(key, style);
  }
  return style;
}

/** The count a cluster's marker shows (undefined for a report's marker). */
export function clusterLabel(style: Style): string | undefined {
  const image = style.getImage();
  return image instanceof MarkerIcon ? image.label : undefined;
}

/**
 * The count is drawn into the cluster's own canvas, not as an OL text style: each cluster's
 * canvas is drawn anyway, and OL's labels cost the first frame of reports a canvas per label
 * and a layout of the host page to measure the font's height (~20 ms of a throttled phone).
 */
function clusterCanvas(radius: number, statuses: Readonly<Partial<Record<string, number>>>, ratio: number, label: string): HTMLCanvasElement {
  const size = Math.ceil(radius + 2) * 2;
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = Math.round(size * ratio);
  const ctx = canvas.getContext('2d')!;
  ctx.scale(ratio, ratio);
  const c = size / 2;
  const total = PUBLIC_STATUSES.reduce((sum, s) => sum + (statuses[s] ?? 0), 0);
  disc(ctx, c, c, radius + 1.5, '#fff');
  let start = -Math.PI / 2;
  for (const status of PUBLIC_STATUSES) {
    const n = statuses[status] ?? 0;
    if (!n) continue;
    const end = start + (2 * Math.PI * n) / total;
    ctx.beginPath();
    ctx.moveTo(c, c);
    ctx.arc(c, c, radius, start, end);
    ctx.closePath();
    ctx.fillStyle = STATUS_COLORS[status];
    ctx.fill();
    start = end;
  }
  if (!total) disc(ctx, c, c, radius, '#fff');
  disc(ctx, c, c, radius - 5, '#fff');
  ctx.beginPath();
  ctx.arc(c, c, radius, 0, 2 * Math.PI);
  ctx.lineWidth = 1.5;
  ctx.strokeStyle = OUTLINE;
  ctx.stroke();
  ctx.font = 'bold 12px system-ui, sans-serif';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillStyle = OUTLINE;
  ctx.fillText(label, c, c);
  return canvas;
}

/** Whether a map feature is a cluster (else a report). */
export function isCluster(feature: FeatureLike): boolean {
  return feature.get('kind') === 'cluster';
}
