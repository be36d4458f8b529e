import type { LayoutTranslation } from './translation.js';

export const layoutPl: LayoutTranslation = {
  fullscreen: 'Pełny ekran',
  panel: 'Panel',
  panelLabel: 'Panel mapy',
  placeInstruction: 'Kliknij miejsce na mapie albo przesuń mapę strzałkami i naciśnij Enter.',
  symbols: 'Symbol: rodzaj zagrożenia',
  clusters: 'Koło z liczbą to grupa zgłoszeń; kolory pokazują ich statusy. Kliknij je lub naciśnij Enter, gdy jest w środku mapy, aby przybliżyć.',
};
