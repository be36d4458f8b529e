import type { Source } from '../../../../common/catalogue.js';
import type { StaffRole, WidgetView } from '../../../../common/staff.js';

/**
 * Every word of the staff console. Status names and error messages come from the widget's
 * translations (one wording for citizens and staff); this holds what only staff see. Sentences
 * that name something take it as an argument, since word order differs between languages.
 */
export interface ConsoleTranslation {
  title: string;
  /** The language switch: its label and each language named in itself. */
  language: string;
  languages: Record<'pl' | 'en' | 'uk', string>;
  nav: { label: string; queue: string; newReport: string; config: string; staff: string; audit: string; logout: string };
  /** "Zalogowano: Jan Kowalski (KPP w Zakopanem)". */
  signedInAs: (name: string, unit: string) => string;
  loading: string;
  loggedOut: string;
  login: {
    heading: string;
    login: string;
    password: string;
    submit: string;
    loginMissing: string;
    passwordMissing: string;
    /** LOGIN_LOCKED with the time logins are accepted again. */
    lockedUntil: (time: string) => string;
  };
  queue: {
    heading: string;
    filters: string;
    status: string;
    category: string;
    unit: string;
    source: string;
    since: string;
    until: string;
    overdueOnly: string;
    any: string;
    apply: string;
    reset: string;
    caption: (total: number) => string;
    empty: string;
    columns: { id: string; category: string; status: string; unit: string; source: string; created: string; overdue: string };
    overdueRead: string;
    overdueVerify: string;
    previous: string;
    next: string;
    pageOf: (page: number, pages: number) => string;
    /** The queue map's accessible name: what it shows and that the table has the same reports. */
    mapLabel: (count: number) => string;
  };
  sources: Record<Source, string>;
  report: {
    heading: (id: string) => string;
    back: string;
    details: string;
    category: string;
    status: string;
    unit: string;
    source: string;
    created: string;
    eventAt: string;
    confirmations: string;
    description: string;
    noDescription: string;
    duplicateOf: string;
    photos: string;
    photoAlt: (n: number, id: string) => string;
    location: string;
    history: string;
    publicNote: string;
    internalNote: string;
    by: (name: string) => string;
    changeStatus: string;
    hide: string;
    duplicate: string;
    originalId: string;
    linkDuplicate: string;
    linked: (original: string) => string;
    reloaded: string;
  };
  statusDialog: {
    heading: string;
    newStatus: string;
    /** Shown when the report can move nowhere. */
    noMoves: string;
    publicNote: string;
    publicNoteHint: string;
    internalNote: string;
    reason: string;
    submit: string;
    cancel: string;
    changed: (status: string) => string;
  };
  newReport: {
    heading: string;
    source: string;
    /** The legend of the map and the lon/lat inputs. */
    place: string;
    /** The visible hint above the map: what a click and a drag do. */
    mapHint: string;
    /** The map's accessible name: what it is for and that the inputs below take the same place. */
    mapLabel: string;
    lon: string;
    lat: string;
    category: string;
    description: string;
    eventAt: string;
    submit: string;
    created: (id: string) => string;
  };
  config: {
    heading: string;
    unit: string;
    inherit: (value: string) => string;
    ownCategories: string;
    categories: string;
    defaultView: string;
    views: Record<WidgetView, string>;
    timeWindow: string;
    days: (n: number) => string;
    defaultLang: string;
    ownAccent: string;
    accent: string;
    photos: string;
    photosOn: string;
    photosOff: string;
    origins: string;
    originsHint: string;
    save: string;
    saved: string;
    preview: string;
    basemap: string;
    basemaps: { osm: string; none: string };
    snippet: string;
    copy: string;
    copied: string;
    copyFailed: string;
  };
  staff: {
    heading: string;
    caption: string;
    login: string;
    name: string;
    role: string;
    unit: string;
    state: string;
    active: string;
    disabled: string;
    actions: string;
    roles: Record<StaffRole, string>;
    disable: string;
    enable: string;
    roleOf: (login: string) => string;
    unitOf: (login: string) => string;
    add: string;
    password: string;
    passwordHint: (min: number) => string;
    create: string;
    created: (login: string) => string;
    updated: (login: string) => string;
  };
  audit: {
    heading: string;
    caption: (total: number) => string;
    at: string;
    who: string;
    action: string;
    target: string;
    unit: string;
    change: string;
    system: string;
  };
}
