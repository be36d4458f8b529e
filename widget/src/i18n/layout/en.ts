import type { LayoutTranslation } from './translation.js';

export const layoutEn: LayoutTranslation = {
  fullscreen: 'Full screen',
  panel: 'Panel',
  panelLabel: 'Map panel',
  placeInstruction: 'Click the place on the map, or move the map with the arrow keys and press Enter.',
  symbols: 'Symbol: type of threat',
  clusters: 'A circle with a number is a group of reports; its colours show their statuses. Click it, or press Enter with it in the middle of the map, to zoom in.',
};
