import type { Translation } from './translation.js';

const when: Intl.DateTimeFormatOptions = { dateStyle: 'long', timeStyle: 'short' };

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
    UNIT_NOT_FOUND: ({ unitId }) => `Підрозділ поліції з ідентифікатором «${unitId}» не знайдено.`,
    INVALID_REQUEST: () => 'Сервер карти відхилив запит як недійсний.',
    INVALID_COORDINATES: () => 'Недійсні координати.',
    OUTSIDE_POLAND: () => 'Це місце знаходиться за межами Польщі.',
    ROUTE_NOT_FOUND: () => 'Сервер карти не підтримує цей запит. Перевірте адресу API.',
    RATE_LIMITED: () => 'Забагато запитів. Спробуйте ще раз за хвилину.',
    UNKNOWN_CATEGORY: () => 'Ця категорія загроз недоступна.',
    DESCRIPTION_TOO_LONG: () => 'Опис може містити щонайбільше 500 символів.',
    INVALID_EVENT_TIME: () => 'Недійсна дата або час події.',
    EVENT_IN_FUTURE: () => 'Дата події не може бути в майбутньому.',
    INVALID_RECURRENCE: () => 'Недійсно вибрані дні або час, коли виникає загроза.',
    PHOTO_TYPE_NOT_ALLOWED: () => 'Фотографії мають бути у форматі JPEG або PNG.',
    PHOTOS_TOO_LARGE: () => 'Загальний розмір фотографій — щонайбільше 5 МБ.',
    TOO_MANY_PHOTOS: () => 'Можна додати щонайбільше 3 фотографії.',
    DEVICE_TOKEN_REQUIRED: () => 'Не вдалося розпізнати пристрій. Оновіть сторінку та спробуйте ще раз.',
    REPORT_LIMIT_REACHED: ({ retryAt }) =>
      'З одного пристрою можна повідомити про одну загрозу на добу.' +
      (retryAt ? ` Наступне повідомлення можна буде надіслати ${retryAt.toLocaleString('uk-UA', when)}.` : ''),
    REPORT_NOT_FOUND: () => 'Повідомлення не знайдено.',
    REPORT_NOT_OPEN: () => 'Це повідомлення вже закрито.',
    INTERNAL_ERROR: () => 'Сервер карти тимчасово недоступний.',
    NETWORK_ERROR: () => 'Не вдалося з’єднатися з сервером карти.',
    BAD_RESPONSE: () => 'Сервер карти надіслав неочікувану відповідь.',
  },
};
