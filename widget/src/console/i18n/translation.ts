import type { Source, TimeOfDay, Weekday } from '../../../../common/catalogue.js';
import type { AuditAction, StaffRole, WidgetView } from '../../../../common/staff.js';
import type { CrimeLineError } from '../../../../common/stats.js';

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
  nav: { label: string; queue: string; newReport: string; config: string; crime: string; staff: string; audit: string; logout: string };
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
    /** Under the snippet: which settings come from the server and which from attributes. */
    snippetNote: string;
    /** Under the snippet when it names a versioned file: new versions need the code pasted again. */
    snippetVersion: string;
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
  /** The police statistics import: a CSV checked first (dry run), then imported. */
  crime: {
    heading: string;
    /** What the file must be: encoding, size, header, separators, the columns in order. */
    format: string;
    /** What each column holds; the category codes and their names follow it. */
    columns: string;
    /** That a line replaces a stored figure and one bad line refuses the file. */
    rules: string;
    /** Names the example file shown under the format. */
    example: string;
    file: string;
    check: string;
    import: string;
    /** Under the import button while it is disabled: why. */
    checkFirst: string;
    checkResult: string;
    importResult: string;
    counts: { lines: string; inserted: string; updated: string; unchanged: string };
    /** The caption of the table of changed lines: would change (a check) or changed (an import). */
    changesCaption: (dryRun: boolean, count: number) => string;
    noChanges: (dryRun: boolean) => string;
    table: { line: string; teryt: string; year: string; month: string; category: string; change: string; column: string; code: string; message: string };
    /** A change with no stored figure before it. */
    none: string;
    /** The column of an error about the whole line. */
    wholeLine: string;
    errorsCaption: (count: number) => string;
    /** Each refused line's reason, by its code (CrimeImportLineError.code). */
    lineErrors: Record<CrimeLineError, string>;
    imported: (inserted: number, updated: number, unchanged: number) => string;
    /** Under the table of line errors: problems the server counted but did not list. */
    moreErrors: (count: number) => string;
    /** Under the table of changes: changed lines the server counted but did not list. */
    moreChanges: (count: number) => string;
  };
  /** Saving a row of staff management: the confirmation and its result. */
  staffSave: {
    save: string;
    cancel: string;
    confirmHeading: (login: string) => string;
    confirmSave: string;
    /** One change in the confirmation: "Rola: funkcjonariusz → administrator". */
    change: (field: string, before: string, after: string) => string;
    saved: (login: string, changes: string) => string;
  };
  /** The audit log in words, and its filter. */
  auditLog: {
    filters: string;
    staff: string;
    anyone: string;
    report: string;
    action: string;
    anyAction: string;
    apply: string;
    reset: string;
    what: string;
    /** Each action's name (the filter's options). */
    actions: Record<AuditAction, string>;
    statusChange: (from: string, to: string) => string;
    duplicate: (original: string) => string;
    created: (source: string, category: string) => string;
    config: (fields: string) => string;
    staffCreated: (login: string, role: string, unit: string) => string;
    staffUpdated: (login: string, changes: string) => string;
    passwordChanged: string;
    disabled: string;
    enabled: string;
    imported: (inserted: number, updated: number, unchanged: number) => string;
    loginFailure: Record<'unknown_login' | 'disabled' | 'wrong_password', string>;
    reportTarget: (id: string) => string;
    accountTarget: (login: string) => string;
    unitTarget: (name: string) => string;
  };
  /** The report page: its map, the recurrence, confirmations, routing, possible duplicates, photos. */
  reportPage: {
    map: string;
    /** The map's accessible name: what it shows, and that the list below has the same reports. */
    mapLabel: (id: string, unit: string, nearby: number) => string;
    recurrence: string;
    recurrenceNone: string;
    recurrenceDays: Record<Weekday, string>;
    recurrenceTimes: Record<TimeOfDay, string>;
    /** A sentence from the listed days and times ("w poniedziałki, wieczorem"). */
    recurs: (when: string) => string;
    confirmedAt: string;
    routing: string;
    routed: (powiat: string, voivodeship: string) => string;
    snapped: (metres: number, powiat: string) => string;
    duplicates: (count: number) => string;
    noDuplicates: (metres: number) => string;
    /** After the report's number in the list of possible duplicates. */
    duplicateItem: (category: string, status: string, metres: number) => string;
    fullSize: (n: number) => string;
    close: string;
    /** The only thing staff learn of the citizen's address: that there is one. */
    updates: string;
    wantsUpdates: string;
  };
  /** Several reports at once from the queue: selection and one status change with one note. */
  bulk: {
    selectAll: string;
    select: (id: string) => string;
    selected: (count: number) => string;
    change: string;
    heading: (count: number) => string;
    /** When the selected reports share no allowed move. */
    noCommonMove: string;
    /** Result: how many changed, and each refused report with its reason. */
    done: (changed: number, total: number) => string;
    refused: (id: string, reason: string) => string;
  };
  /** Keyboard shortcuts and their help dialog. */
  shortcuts: {
    button: string;
    heading: string;
    close: string;
    keys: { help: string; next: string; previous: string; status: string; select: string; queue: string };
  };
  /** E-mail: an account's own choices, the address in staff management, failed deliveries for admins. */
  mail: {
    nav: string;
    heading: string;
    email: string;
    emailHint: string;
    lang: string;
    newReports: string;
    digest: string;
    save: string;
    saved: string;
    /** Shown when the server has no SMTP settings. */
    notConfigured: string;
    noAddress: string;
    statusHeading: string;
    configured: string;
    failuresCaption: (count: number) => string;
    noFailures: string;
    columns: { recipient: string; subject: string; attempts: string; error: string; state: string };
    reporter: string;
    retrying: (time: string) => string;
    gaveUp: (time: string) => string;
    emailOf: (login: string) => string;
  };
}
