/** Words of the tracking view (`<kmzb-map view="track">`) and of the links to it. */
export interface TrackTranslation {
  title: (id: string) => string;
  loading: string;
  status: string;
  unit: string;
  sent: string;
  updated: string;
  confirmations: string;
  history: string;
  /** The history entry of one status change. */
  historyEntry: (status: string, date: string) => string;
  /** The police's public note under a history entry. */
  note: string;
  noNotes: string;
  link: string;
  linkHint: string;
  copy: string;
  copied: string;
  copyFailed: string;
  share: string;
  shareText: (id: string) => string;
  noToken: string;
  notFound: string;
  /** After sending: the private link and the way to it. */
  follow: string;
  open: string;
  /** My reports: the button to an entry's status, and the mark of a status not seen yet. */
  show: (id: string) => string;
  changed: string;
}
