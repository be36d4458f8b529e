import type { Translation } from './translation.js';

/** Ukrainian. */
export const uk: Translation = {
  title: 'Національна карта загроз безпеці',
  map: {
    label: (unitName) => `Карта території: ${unitName}`,
    keyboardHint: 'Стрілки переміщують карту, плюс і мінус наближають і віддаляють.',
    zoomIn: 'Наблизити',
    zoomOut: 'Віддалити',
    resetRotation: 'Повернути орієнтацію на північ',
    attributions: 'Джерела даних карти',
  },
  status: {
    loading: 'Завантаження карти…',
    retry: 'Спробувати ще раз',
  },
  errors: {
    UNIT_NOT_FOUND: (id) => `Підрозділ поліції з ідентифікатором «${id}» не знайдено.`,
    INVALID_REQUEST: (id) => `Ідентифікатор підрозділу поліції «${id}» недійсний.`,
    INVALID_COORDINATES: () => 'Недійсні координати.',
    OUTSIDE_POLAND: () => 'Це місце знаходиться за межами Польщі.',
    ROUTE_NOT_FOUND: () => 'Сервер карти не підтримує цей запит. Перевірте адресу API.',
    RATE_LIMITED: () => 'Забагато запитів. Спробуйте ще раз за хвилину.',
    INTERNAL_ERROR: () => 'Сервер карти тимчасово недоступний.',
    NETWORK_ERROR: () => 'Не вдалося з’єднатися з сервером карти.',
    BAD_RESPONSE: () => 'Сервер карти надіслав неочікувану відповідь.',
  },
};
