import type { ReportMapTranslation } from './translation.js';

const plural = new Intl.PluralRules('uk-UA');
const forms: Record<string, string> = { one: 'повідомлення', few: 'повідомлення', many: 'повідомлень', other: 'повідомлення' };
const reports = (n: number) => `${n} ${forms[plural.select(n)] ?? 'повідомлень'}`;

export const reportMapUk: ReportMapTranslation = {
  skipToList: 'Перейти до списку повідомлень',
  loading: 'Завантаження повідомлень…',
  shown: (count) => `На карті: ${reports(count)}.`,
  cluster: (count) => `Група: ${reports(count)}`,
  filters: {
    title: 'Фільтри',
    categories: 'Види загроз',
    statuses: 'Статуси',
    period: 'Період',
    lastDays: (days) => `Останні ${days} днів`,
    all: 'Вибрати всі',
    none: 'Зняти всі',
    reset: 'Скинути фільтри',
    summary: ({ categories, statuses, days }) =>
      `${categories === 'all' ? 'усі види' : `види: ${categories}`}, ${statuses === 'all' ? 'усі статуси' : `статуси: ${statuses}`}, останні ${days} днів`,
  },
  list: {
    title: 'Список повідомлень',
    caption: (count) => `Повідомлення у видимій частині карти: ${count}`,
    category: 'Вид загрози',
    status: 'Статус',
    created: 'Дата повідомлення',
    date: 'dd.MM.yyyy', // 05.01.2026, as toLocaleDateString('uk')
    confirmations: 'Підтвердження',
    sortHint: 'сортувати',
    empty: 'У цій частині карти немає повідомлень.',
    more: 'Показати більше',
    showing: (shown, total) => `Показано ${shown} з ${total}.`,
    clustered: (total) => `У цій частині карти ${reports(total)}. Наблизьте карту, щоб побачити список.`,
  },
  detail: {
    title: (id) => `Повідомлення ${id}`,
    close: 'Закрити',
    category: 'Вид загрози',
    status: 'Статус',
    created: 'Повідомлено',
    updated: 'Остання зміна',
    confirmations: 'Підтвердження «Я теж це бачу»',
    notes: 'Інформація від поліції',
    noNotes: 'Інформації від поліції немає.',
    loading: 'Завантаження повідомлення…',
  },
  legend: { title: 'Легенда', statuses: 'Колір: статус', domains: 'Символ: сфера' },
};
