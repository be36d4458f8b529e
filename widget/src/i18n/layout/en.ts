import type { LayoutTranslation } from './translation.js';

export const layoutEn: LayoutTranslation = {
  fullscreen: 'Full screen',
  panel: 'Panel',
  panelLabel: 'Map panel',
  placeInstruction: 'Click the place on the map, or move the map with the arrow keys and press Enter.',
};
