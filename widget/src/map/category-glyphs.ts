import type { Status } from '../../../common/catalogue.js';

/**
 * One symbol per threat category, as SVG path data on a 24×24 grid, stroked (only `<path d>` and
 * `<circle>`: the map draws the same strings into its marker canvases). Drawn once here and used
 * by the markers, the legend, the list, the detail and the form's category choice, so a citizen
 * learns one picture per category. Plain constants, never user text.
 */
export const CATEGORY_GLYPHS: Readonly<Record<string, string>> = {
  // a spray can with its spray
  vandalism: '<path d="M8 10h6v11H8zM9 10V7h4v3M13 6h2" /><path d="M18 4v.5M20 6v.5M18 8v.5" />',
  // a rubbish bin
  illegal_dump: '<path d="M4 7h16M9 7V4h6v3M6 7l1 14h10l1-14M10 11v6M14 11v6" />',
  // two young people
  minors_at_risk: '<circle cx="8" cy="7" r="2.5" /><circle cx="16" cy="7" r="2.5" /><path d="M3 20v-3a5 5 0 0 1 10 0v3M11 20v-3a5 5 0 0 1 10 0v3" />',
  // a rifle's sight
  poaching: '<circle cx="12" cy="12" r="7" /><path d="M12 2v6M12 16v6M2 12h6M16 12h6" />',
  // waves
  water_danger: '<path d="M3 8c2-2 4-2 6 0s4 2 6 0 4-2 6 0M3 13c2-2 4-2 6 0s4 2 6 0 4-2 6 0M3 18c2-2 4-2 6 0s4 2 6 0 4-2 6 0" />',
  // a music note
  dangerous_entertainment: '<path d="M9 18V5l11-2v13" /><circle cx="6.5" cy="18" r="2.5" /><circle cx="17.5" cy="16" r="2.5" />',
  // an axe in a stump
  illegal_logging: '<path d="M5 21h14M7 21v-7h10v7M7 14c2 1 8 1 10 0" /><path d="M15 3 9 11M13 3l4 3-2 2" />',
  // a chequered flag
  street_racing: '<path d="M5 21V3M5 4h14v9H5" /><path d="M9 4v9M13 4v9M17 4v9M5 8.5h14" />',
  // the parking sign's P
  illegal_parking: '<path d="M8 21V3h5a5 5 0 0 1 0 10H8" />',
  // a walker over rails
  rail_track_crossing: '<circle cx="12" cy="4" r="2" /><path d="M12 7v6l-3 4M12 13l3 4M9 9h6" /><path d="M3 21h18M6 19v4M18 19v4" />',
  // the level crossing's St Andrew's cross
  rail_level_crossing: '<path d="M4 5l16 11M20 5 4 16M12 10.5V22" />',
  // a traffic cone
  road_infrastructure: '<path d="M12 3 7 19h10zM4 21h16M9 12h6M8 16h8" />',
  // a leaf torn across
  greenery_damage: '<path d="M5 19C5 10 11 5 19 5c0 8-5 14-14 14zM5 19l6-6" /><path d="M11 8l2 3-3 1 2 3" />',
  // a house with a heart
  homeless_in_need: '<path d="M3 11l9-8 9 8M5 9v12h14V9" /><path d="M12 18s-3-2-3-4a1.5 1.5 0 0 1 3-.5 1.5 1.5 0 0 1 3 .5c0 2-3 4-3 4z" />',
  // a quad bike's wheels and seat
  quads_in_forest: '<circle cx="6" cy="17" r="3.5" /><circle cx="18" cy="17" r="3.5" /><path d="M9.5 17h5M6 13.5 9 9h7l2 4.5M11 9V6h3" />',
  // a speedometer
  speeding: '<path d="M3 17a9 9 0 0 1 18 0" /><path d="M12 17l5-6M6 17h0M18 17h0M12 8v1" /><circle cx="12" cy="17" r="1.5" />',
  // a bottle
  public_drinking: '<path d="M10 2h4v5l2 3v12H8V10l2-3zM8 14h8" />',
  // a syringe
  drug_use: '<path d="M18 3l3 3M19.5 4.5 16 8M16 5l3 3M17 7 8 16l-3-3 9-9M8 16l-5 5M9 10l2 2M12 7l2 2" />',
  // a dog's head
  stray_dogs: '<path d="M7 4 3 8l2 5M17 4l4 4-2 5M7 4h10v9a5 5 0 0 1-10 0z" /><circle cx="10" cy="10" r="0.8" /><circle cx="14" cy="10" r="0.8" /><path d="M11 15h2" />',
  // a flame over grass
  grass_burning: '<path d="M12 3c1 4 5 6 5 10a5 5 0 0 1-10 0c0-2 1-3 2-4 0 2 1 3 2 3 0-3 0-6 1-9z" /><path d="M3 21l2-4M8 21v-3M16 21v-3M21 21l-2-4M3 21h18" />',
  // antlers: a deer on the road
  wildlife_collisions: '<path d="M12 21v-7M12 14c-3 0-6-3-6-8M12 14c3 0 6-3 6-8M6 10H3M18 10h3M8 6V3M16 6V3" /><path d="M9 21h6" />',
  // a broken heart
  animal_cruelty: '<path d="M12 20S3 14 3 8.5A4.5 4.5 0 0 1 12 6a4.5 4.5 0 0 1 9 2.5C21 14 12 20 12 20z" /><path d="M12 6l-2 4 3 2-2 4" />',
  // a traffic light
  traffic_organisation: '<path d="M8 2h8v17H8zM12 19v3" /><circle cx="12" cy="6" r="1.7" /><circle cx="12" cy="10.5" r="1.7" /><circle cx="12" cy="15" r="1.7" />',
  // a cup held out, a coin dropping in
  begging: '<path d="M5 12h14l-2 9H7z" /><circle cx="12" cy="6" r="2.5" /><path d="M12 3v.5" />',
};

/**
 * The status's second cue, besides its colour: a small badge on the marker and beside the
 * status in the legend (plus new, question mark verifying, exclamation confirmed, tick
 * eliminated, arrow forwarded, cross not confirmed), on the same 24×24 grid.
 */
export const STATUS_BADGES: Readonly<Partial<Record<Status, string>>> = {
  new: '<path d="M12 5v14M5 12h14" />',
  verifying: '<path d="M8 9a4 4 0 1 1 5.5 3.7c-1 .4-1.5 1.2-1.5 2.3M12 19v.5" />',
  confirmed: '<path d="M12 4v10M12 19v.5" />',
  eliminated: '<path d="M5 12.5l4.5 4.5L19 7" />',
  forwarded: '<path d="M4 12h15M13 6l6 6-6 6" />',
  not_confirmed: '<path d="M6 6l12 12M18 6 6 18" />',
};
