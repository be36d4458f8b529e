import type { Domain } from '../../../common/catalogue.js';

/**
 * One simple glyph per domain of categories, as SVG path data on a 24×24 grid, stroked. Plain
 * strings (our own constants, never user text), so the same shapes serve the form's inline icons
 * and the map's marker images.
 */
export const DOMAIN_GLYPHS: Readonly<Record<Domain, string>> = {
  // a road narrowing to the horizon, with a centre line
  road: '<path d="M9 3 4 21M15 3l5 18" /><path d="M12 5v2m0 4v2m0 4v3" />',
  // a shield
  order: '<path d="M12 3 5 6v5c0 4.5 3 8.5 7 10 4-1.5 7-5.5 7-10V6z" />',
  // a tree
  environment: '<path d="M12 3 6 12h3l-4 6h14l-4-6h3z" /><path d="M12 18v3" />',
  // rails and sleepers
  rail: '<path d="M8 3v18M16 3v18M6 6h12M6 11h12M6 16h12" />',
  // a reaching hand under a heart
  social:
    '<path d="M12 11s-4-2.5-4-5a2 2 0 0 1 4-.5A2 2 0 0 1 16 6c0 2.5-4 5-4 5z" /><path d="M3 15h4l3 2h5a1.5 1.5 0 0 1 0 3H9" /><path d="M15 17l4-2a1.5 1.5 0 0 1 2 2l-6 4H3" />',
  // a paw
  animals:
    '<circle cx="7" cy="9" r="1.8" /><circle cx="10.5" cy="5.5" r="1.8" /><circle cx="14.5" cy="5.5" r="1.8" /><circle cx="18" cy="9" r="1.8" /><path d="M12 11c-3 0-5.5 4-5.5 6.5 0 2 2 2.5 3 2s1.7-.7 2.5-.7 1.5.2 2.5.7 3 0 3-2C17.5 15 15 11 12 11z" />',
};
