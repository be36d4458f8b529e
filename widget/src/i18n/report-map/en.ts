import type { ReportMapTranslation } from './translation.js';

const reports = (n: number) => `${n} ${n === 1 ? 'report' : 'reports'}`;

export const reportMapEn: ReportMapTranslation = {
  skipToList: 'Skip to the list of reports',
  loading: 'Loading reports…',
  shown: (count) => `On the map: ${reports(count)}.`,
  cluster: (count) => `Group of ${reports(count)}`,
  filters: {
    title: 'Filters',
    categories: 'Kinds of threat',
    statuses: 'Statuses',
    period: 'Period',
    lastDays: (days) => `Last ${days} days`,
    all: 'Select all',
    none: 'Select none',
    reset: 'Clear filters',
    summary: ({ categories, statuses, days }) =>
      `${categories === 'all' ? 'all kinds' : `kinds: ${categories}`}, ${statuses === 'all' ? 'all statuses' : `statuses: ${statuses}`}, last ${days} days`,
  },
  list: {
    title: 'List of reports',
    caption: (count) => `Reports in the map view: ${count}`,
    category: 'Kind of threat',
    status: 'Status',
    created: 'Reported on',
    date: 'M/d/yyyy', // 1/5/2026, as toLocaleDateString('en')
    confirmations: 'Confirmations',
    sortHint: 'sort',
    empty: 'No reports in this map view.',
    more: 'Show more',
    showing: (shown, total) => `Showing ${shown} of ${total}.`,
    clustered: (total) => `This view holds ${reports(total)}. Zoom in to see the list.`,
  },
  detail: {
    title: (id) => `Report ${id}`,
    close: 'Close',
    category: 'Kind of threat',
    status: 'Status',
    created: 'Reported',
    updated: 'Last change',
    confirmations: '“I see it too” confirmations',
    notes: 'Notes from the police',
    noNotes: 'No notes from the police.',
    loading: 'Loading the report…',
  },
  legend: { title: 'Legend', statuses: 'Colour: status', domains: 'Symbol: domain' },
};
