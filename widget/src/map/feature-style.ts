import type { FeatureLike } from 'ol/Feature.js';
import { DEVICE_PIXEL_RATIO } from 'ol/has.js';
import Circle from 'ol/style/Circle.js';
import Fill from 'ol/style/Fill.js';
import Icon from 'ol/style/Icon.js';
import Stroke from 'ol/style/Stroke.js';
import Style from 'ol/style/Style.js';
import Text from 'ol/style/Text.js';
import type { Domain, Status } from '../../../common/catalogue.js';
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
  constructor(canvas: HTMLCanvasElement, ratio: number) {
    super({ img: canvas, scale: 1 / ratio });
  }

  // OL's Icon.clone() rebuilds from a src; a canvas marker is cloned from its canvas.
  override clone(): MarkerIcon {
    const image = this.getImage(1) as HTMLCanvasElement;
    return new MarkerIcon(image, image.width / SIZE);
  }
}

/** A report marker (status-coloured disc, white halo, dark outline, the domain glyph inside), drawn into a canvas at the map's pixel ratio. */
function markerCanvas(status: Status, domain: Domain | undefined, ratio: number): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = Math.round(SIZE * ratio);
  const ctx = canvas.getContext('2d')!;
  ctx.scale(ratio, ratio);
  const fill = STATUS_COLORS[status];
  ctx.beginPath();
  ctx.arc(14, 14, 12.5, 0, 2 * Math.PI);
  ctx.fillStyle = '#fff';
  ctx.fill();
  ctx.beginPath();
  ctx.arc(14, 14, 11, 0, 2 * Math.PI);
  ctx.fillStyle = fill;
  ctx.fill();
  ctx.lineWidth = 2;
  ctx.strokeStyle = OUTLINE;
  ctx.stroke();
  if (domain) {
    ctx.translate(6.5, 6.5);
    ctx.scale(0.625, 0.625);
    ctx.lineWidth = 2.6;
    ctx.lineCap = ctx.lineJoin = 'round';
    ctx.strokeStyle = inkOn(fill);
    for (const path of glyphPaths(domain)) ctx.stroke(path);
  }
  return canvas;
}

const glyphs = new Map<Domain, Path2D[]>();

/** The glyph's shapes (the `<path d>` and `<circle>` elements of DOMAIN_GLYPHS) as canvas paths. */
function glyphPaths(domain: Domain): Path2D[] {
  let paths = glyphs.get(domain);
  if (!paths) {
    paths = [];
    for (const [, tag, attrs] of DOMAIN_GLYPHS[domain].matchAll(/<(path|circle)\b([^>]*)>/g)) {
      const attr = (name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(attrs!)?.[1] ?? '';
      if (tag === 'path') paths.push(new Path2D(attr('d')));
      else {
        const circle = new Path2D();
        circle.arc(Number(attr('cx')), Number(attr('cy')), Number(attr('r')), 0, 2 * Math.PI);
        paths.push(circle);
      }
    }
    glyphs.set(domain, paths);
  }
  return paths;
}

const markers = new Map<string, Style>();

/**
 * The (cached) style of a report marker: one image per status and domain, drawn in one call.
 * Made on first use, in the frame that first draws it (a canvas is drawn synchronously, there is
 * nothing to load): only the pairs in the answer are ever drawn.
 */
export function reportStyle(status: Status, domain: Domain | undefined): Style {
  const key = `${status} ${domain ?? ''}`;
  let style = markers.get(key);
  if (!style) {
    // The map canvas's own pixel ratio: OL then copies the marker 1:1 (a 2x marker scaled down
    // onto a 1x canvas cost ~30 ms more per frame of 5,000 markers, and looked no sharper).
    const ratio = DEVICE_PIXEL_RATIO;
    style = new Style({ image: new MarkerIcon(markerCanvas(status, domain, ratio), ratio) });
    markers.set(key, style);
  }
  return style;
}

/** A ring under the selected marker: wider than the marker, in the focus colour with a halo. */
export const selectedRing = [
  new Style({ image: new Circle({ radius: 19, stroke: new Stroke({ color: '#fff', width: 7 }) }), zIndex: 1 }),
  new Style({ image: new Circle({ radius: 19, stroke: new Stroke({ color: SELECTED, width: 4 }) }), zIndex: 1 }),
];

const clusters = new Map<number, Style>();

/** A server-side cluster: a white disc sized by its count, the count in the middle. */
export function clusterStyle(count: number): Style {
  let style = clusters.get(count);
  if (!style) {
    const radius = 13 + Math.min(12, 4 * Math.log10(Math.max(1, count)));
    style = new Style({
      image: new Circle({
        radius,
        fill: new Fill({ color: 'rgba(255,255,255,0.92)' }),
        stroke: new Stroke({ color: SELECTED, width: 3 }),
      }),
      text: new Text({
        text: count >= 10_000 ? `${Math.round(count / 1000)}k` : String(count),
        font: 'bold 12px system-ui, sans-serif',
        fill: new Fill({ color: OUTLINE }),
      }),
    });
    clusters.set(count, style);
  }
  return style;
}

/** Whether a map feature is a cluster (else a report). */
export function isCluster(feature: FeatureLike): boolean {
  return feature.get('kind') === 'cluster';
}
