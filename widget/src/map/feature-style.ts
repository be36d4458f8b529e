import type { FeatureLike } from 'ol/Feature.js';
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

/** One marker image: status-coloured disc, white halo, dark outline, and the domain glyph inside. */
function markerSvg(status: Status, domain: Domain | undefined): string {
  const fill = STATUS_COLORS[status];
  const glyph = domain
    ? `<g transform="translate(6.5 6.5) scale(.625)" fill="none" stroke="${inkOn(fill)}" stroke-width="2.6" stroke-linecap="round" stroke-linejoin="round">${DOMAIN_GLYPHS[domain]}</g>`
    : '';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 ${SIZE} ${SIZE}"><circle cx="14" cy="14" r="12.5" fill="#fff"/><circle cx="14" cy="14" r="11" fill="${fill}" stroke="${OUTLINE}" stroke-width="2"/>${glyph}</svg>`;
}

const markers = new Map<string, Style>();

/** The (cached) style of a report marker: one image per status and domain, drawn in one call. */
export function reportStyle(status: Status, domain: Domain | undefined): Style {
  const key = `${status} ${domain ?? ''}`;
  let style = markers.get(key);
  if (!style) {
    const src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(markerSvg(status, domain))}`;
    // `color` white changes no pixel but makes OL rasterise the SVG once into a canvas (per pixel
    // ratio): drawing an SVG image itself costs a rasterisation per marker and per frame, which
    // made 5,000 markers take three times as long to draw as plain circles.
    style = new Style({ image: new Icon({ src, width: SIZE, height: SIZE, color: '#fff' }) });
    markers.set(key, style);
  }
  return style;
}

/**
 * Creates the markers of every public status for these domains and starts loading their images,
 * so the first frame with reports has them at hand (an icon first asked for while drawing is
 * loaded and decoded after that frame, and the reports are drawn a second time).
 */
export function preloadMarkers(domains: Iterable<Domain | undefined>): void {
  for (const domain of new Set(domains)) {
    for (const status of PUBLIC_STATUSES) (reportStyle(status, domain).getImage() as Icon).load();
  }
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
