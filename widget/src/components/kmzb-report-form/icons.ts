import { svg, unsafeStatic } from 'lit/static-html.js';
import type { Domain, Status } from '../../../../common/catalogue.js';
import { STATUS_BADGES } from '../../map/category-glyphs.js';
import { categoryGlyph } from '../../map/feature-style.js';
import { DOMAIN_GLYPHS } from '../../map/glyphs.js';

/**
 * A glyph drawn inline (no icon font, no fetch). unsafeStatic is safe here: the glyphs are our
 * own constants. Static: one template per glyph, parsed once (unsafeSVG parsed the markup again
 * for every icon, a hundred times in a page of the report list). Decorative: the name beside it
 * says what it is, so every icon is aria-hidden.
 */
function icon(glyph: string, size = 20, className = 'icon') {
  return svg`<svg class=${className} viewBox="0 0 24 24" width=${size} height=${size} aria-hidden="true" focusable="false"
    fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round">${unsafeStatic(glyph)}</svg>`;
}

/** The domain's glyph (the headings that group categories). */
export function domainIcon(domain: Domain) {
  return icon(DOMAIN_GLYPHS[domain]);
}

/** The category's own symbol, the one its markers carry (its domain's glyph if it has none). */
export function categoryIcon(category: string, domain: Domain) {
  return icon(categoryGlyph(category, domain) ?? DOMAIN_GLYPHS[domain]);
}

/** The status's badge, its cue besides colour, as on the markers. */
export function statusBadge(status: Status) {
  const badge = STATUS_BADGES[status];
  return badge ? icon(badge, 16, 'icon badge') : '';
}
