import type { ReportMapTranslation } from './translation.js';

const plural = new Intl.PluralRules('pl-PL');
/** Polish nouns take three forms: 1 zgłoszenie, 2-4 zgłoszenia, 5+ zgłoszeń. */
const reports = (n: number) =>
  `${n} ${n === 1 ? 'zgłoszenie' : plural.select(n) === 'few' ? 'zgłoszenia' : 'zgłoszeń'}`;

export const reportMapPl: ReportMapTranslation = {
  skipToList: 'Przejdź do listy zgłoszeń',
  loading: 'Wczytywanie zgłoszeń…',
  shown: (count) => `Na mapie: ${reports(count)}.`,
  cluster: (count) => `Grupa: ${reports(count)}`,
  filters: {
    title: 'Filtry',
    categories: 'Rodzaje zagrożeń',
    statuses: 'Statusy',
    period: 'Okres',
    lastDays: (days) => `Ostatnie ${days} dni`,
    all: 'Zaznacz wszystkie',
    none: 'Odznacz wszystkie',
    reset: 'Wyczyść filtry',
    summary: ({ categories, statuses, days }) =>
      `${categories === 'all' ? 'wszystkie rodzaje' : `rodzaje: ${categories}`}, ${statuses === 'all' ? 'wszystkie statusy' : `statusy: ${statuses}`}, ostatnie ${days} dni`,
  },
  list: {
    title: 'Lista zgłoszeń',
    caption: (count) => `Zgłoszenia w widoku mapy: ${count}`,
    category: 'Rodzaj zagrożenia',
    status: 'Status',
    created: 'Data zgłoszenia',
    date: 'd.MM.yyyy', // 5.01.2026, as toLocaleDateString('pl')
    confirmations: 'Potwierdzenia',
    sortHint: 'sortuj',
    empty: 'Brak zgłoszeń w tym widoku mapy.',
    more: 'Pokaż więcej',
    showing: (shown, total) => `Pokazano ${shown} z ${total}.`,
    clustered: (total) => `W tym widoku jest ${reports(total)}. Przybliż mapę, aby zobaczyć listę.`,
  },
  detail: {
    title: (id) => `Zgłoszenie ${id}`,
    close: 'Zamknij',
    category: 'Rodzaj zagrożenia',
    status: 'Status',
    created: 'Zgłoszono',
    updated: 'Ostatnia zmiana',
    confirmations: 'Potwierdzenia „Też to widzę”',
    notes: 'Informacje od Policji',
    noNotes: 'Brak informacji od Policji.',
    loading: 'Wczytywanie zgłoszenia…',
  },
  legend: { title: 'Legenda', statuses: 'Kolor: status', domains: 'Symbol: dziedzina' },
};
