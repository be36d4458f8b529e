import type { LayoutTranslation } from './translation.js';

export const layoutUk: LayoutTranslation = {
  fullscreen: 'Повний екран',
  panel: 'Панель',
  panelLabel: 'Панель карти',
  placeInstruction: 'Клацніть місце на карті або пересуньте карту стрілками й натисніть Enter.',
};
