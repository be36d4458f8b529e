import type { LayoutTranslation } from './translation.js';

export const layoutUk: LayoutTranslation = {
  fullscreen: 'Повний екран',
  panel: 'Панель',
  panelLabel: 'Панель карти',
  placeInstruction: 'Клацніть місце на карті або пересуньте карту стрілками й натисніть Enter.',
  symbols: 'Символ: вид загрози',
  clusters: 'Коло з числом — це група повідомлень; кольори показують їхні статуси. Клацніть його або натисніть Enter, коли воно в центрі карти, щоб наблизити.',
};
