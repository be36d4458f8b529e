import type { LayoutTranslation } from './translation.js';

export const layoutPl: LayoutTranslation = {
  fullscreen: 'Pełny ekran',
  panel: 'Panel',
  panelLabel: 'Panel mapy',
  placeInstruction: 'Kliknij miejsce na mapie albo przesuń mapę strzałkami i naciśnij Enter.',
};
