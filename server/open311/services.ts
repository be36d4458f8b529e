import { LANGS, REPORT_LIMITS, TIMES_OF_DAY, WEEKDAYS, type CategoryVisibility, type Lang, type TimeOfDay, type Weekday } from '../../common/catalogue.js';
import type { Category } from '../../common/schemas/category.js';
import type { Open311Attribute, Open311Service, Open311ServiceDefinition } from '../../common/schemas/open311.js';

/** Attribute codes of every service definition (the report's optional event time and recurrence). */
export const ATTRIBUTE = { eventAt: 'event_datetime', days: 'recurrence_days', times: 'recurrence_times' } as const;

/** The informational attribute (variable false: no input) that states the description's limit. */
export const DESCRIPTION_NOTE = 'description_limit';

/** `?locale=` → one of our languages (pl when absent or unknown; `en-GB` → en). */
export function langOf(locale: string | undefined): Lang {
  const base = (locale ?? '').slice(0, 2).toLowerCase();
  return (LANGS as readonly string[]).includes(base) ? (base as Lang) : 'pl';
}

const VISIBILITY_NOTE: Record<Lang, Record<CategoryVisibility, string>> = {
  pl: {
    always: 'Zgłoszenia są publikowane na mapie.',
    confirmed: 'Zgłoszenia są publikowane dopiero po potwierdzeniu przez Policję.',
    never: 'Zgłoszenia nie są publikowane (tylko w statystykach).',
  },
  en: {
    always: 'Reports are published on the map.',
    confirmed: 'Reports are published only once the police confirm them.',
    never: 'Reports are never published (statistics only).',
  },
  uk: {
    always: 'Повідомлення публікуються на мапі.',
    confirmed: 'Повідомлення публікуються лише після підтвердження поліцією.',
    never: 'Повідомлення не публікуються (лише у статистиці).',
  },
};

const DAY_NAMES: Record<Lang, Record<Weekday, string>> = {
  pl: { mon: 'poniedziałek', tue: 'wtorek', wed: 'środa', thu: 'czwartek', fri: 'piątek', sat: 'sobota', sun: 'niedziela' },
  en: { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday' },
  uk: { mon: 'понеділок', tue: 'вівторок', wed: 'середа', thu: 'четвер', fri: 'пʼятниця', sat: 'субота', sun: 'неділя' },
};

const TIME_NAMES: Record<Lang, Record<TimeOfDay, string>> = {
  pl: { morning: 'rano', afternoon: 'po południu', evening: 'wieczorem', night: 'w nocy' },
  en: { morning: 'morning', afternoon: 'afternoon', evening: 'evening', night: 'night' },
  uk: { morning: 'вранці', afternoon: 'вдень', evening: 'увечері', night: 'вночі' },
};

const ATTRIBUTE_TEXT: Record<Lang, { eventAt: string; days: string; times: string; datetime: string; list: string; limit: string; note: string }> = {
  pl: {
    eventAt: 'Kiedy to się wydarzyło (nieobowiązkowe).', days: 'W które dni tygodnia to się powtarza (nieobowiązkowe).',
    times: 'O jakiej porze dnia to się powtarza (nieobowiązkowe).',
    datetime: 'Data i godzina ISO 8601 ze strefą czasową, np. 2025-05-01T18:30:00Z; nie w przyszłości.',
    list: 'Klucze wartości, każdy najwyżej raz: attribute[kod][]=klucz.',
    limit: `Opis (pole description) ma najwyżej ${REPORT_LIMITS.descriptionMaxLength} znaków; dłuższy jest odrzucany (DESCRIPTION_TOO_LONG).`,
    note: 'Informacja, bez pola do wypełnienia. Opis widzi tylko Policja; nigdy nie jest publikowany.',
  },
  en: {
    eventAt: 'When it happened (optional).', days: 'On which days of the week it recurs (optional).',
    times: 'At which times of day it recurs (optional).',
    datetime: 'ISO 8601 date-time with a time zone, e.g. 2025-05-01T18:30:00Z; not in the future.',
    list: 'Value keys, each at most once: attribute[code][]=key.',
    limit: `The description field takes at most ${REPORT_LIMITS.descriptionMaxLength} characters; a longer one is refused (DESCRIPTION_TOO_LONG).`,
    note: 'Information only, no input. Only the police see the description; it is never published.',
  },
  uk: {
    eventAt: 'Коли це сталося (необовʼязково).', days: 'У які дні тижня це повторюється (необовʼязково).',
    times: 'У яку пору доби це повторюється (необовʼязково).',
    datetime: 'Дата й час ISO 8601 з часовим поясом, напр. 2025-05-01T18:30:00Z; не в майбутньому.',
    list: 'Ключі значень, кожен не більше одного разу: attribute[код][]=ключ.',
    limit: `Поле description містить не більше ${REPORT_LIMITS.descriptionMaxLength} символів; довший опис відхиляється (DESCRIPTION_TOO_LONG).`,
    note: 'Лише інформація, без введення. Опис бачить тільки поліція; він ніколи не публікується.',
  },
};

/** GET services: every category of the catalogue (all can be reported, even never-public ones). */
export function serviceList(categories: readonly Category[], lang: Lang): Open311Service[] {
  return categories.map((c) => ({
    service_code: c.code,
    service_name: c.names[lang],
    description: `${c.names[lang]}. ${VISIBILITY_NOTE[lang][c.visibility]}`,
    metadata: true,
    type: 'realtime',
    keywords: [c.code, c.domain, ...LANGS.filter((l) => l !== lang).map((l) => c.names[l])].join(', '),
    group: c.domain,
  }));
}

/** GET services/{code}: the optional event time and recurrence of a report as attributes, and the description's limit. */
export function serviceDefinition(code: string, lang: Lang): Open311ServiceDefinition {
  const text = ATTRIBUTE_TEXT[lang];
  const attributes: Open311Attribute[] = [
    {
      variable: true, code: ATTRIBUTE.eventAt, datatype: 'datetime', required: false,
      datatype_description: text.datetime, order: 1, description: text.eventAt,
    },
    {
      variable: true, code: ATTRIBUTE.days, datatype: 'multivaluelist', required: false,
      datatype_description: text.list, order: 2, description: text.days,
      values: WEEKDAYS.map((key) => ({ key, name: DAY_NAMES[lang][key] })),
    },
    {
      variable: true, code: ATTRIBUTE.times, datatype: 'multivaluelist', required: false,
      datatype_description: text.list, order: 3, description: text.times,
      values: TIMES_OF_DAY.map((key) => ({ key, name: TIME_NAMES[lang][key] })),
    },
    // The spec's limit is 4,000 characters; ours is lower, and a client must know before sending.
    {
      variable: false, code: DESCRIPTION_NOTE, datatype: 'text', required: false,
      datatype_description: text.note, order: 4, description: text.limit,
    },
  ];
  return { service_code: code, attributes };
}
