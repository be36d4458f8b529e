import { svg, unsafeStatic } from 'lit/static-html.js';
import type { Domain } from '../../../../common/catalogue.js';
import { DOMAIN_GLYPHS } from '../../map/glyphs.js';

/**
 * The domain's glyph drawn inline (no icon font, no fetch). unsafeStatic is safe here: the
 * glyphs are our own constants. Static: one template per domain, parsed once (unsafeSVG parsed
 * the markup again for every icon, a hundred times in a page of the report list). Decorative:
 * the category's name beside it says what it is, so every icon is aria-hidden.
 */
export function domainIcon(domain: Domain) {
  return svg`<svg class="icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false"
    fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round">${unsafeStatic(DOMAIN_GLYPHS[domain])}</svg>`;
}
