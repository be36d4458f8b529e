import type { Domain, Status, TimeOfDay, Weekday } from '../../../common/catalogue.js';
import type { ErrorCode } from '../../../common/errors.js';
import type { ClientErrorCode } from '../api/client.js';
import type { ReportMapTranslation } from './report-map/translation.js';
import type { LayoutTranslation } from './layout/translation.js';

/** Languages the widget speaks. Polish first: the users are Polish police sites. */
export type Lang = 'pl' | 'en' | 'uk';

/**
 * Every word the widget shows or announces. Each locale is one object of this type, so a missing
 * key is a type error, not a blank on screen. Sentences that name something take it as an
 * argument (word order differs between languages); user and API text is passed in, never parsed.
 */
export interface Translation {
  /** Heading shown while the unit's name is not known yet. */
  title: string;
  map: {
    /** Accessible name of the focusable map viewport. */
    label: (unitName: string) => string;
    /** Read after the label: how to move the map with the keyboard. */
    keyboardHint: string;
    zoomIn: string;
    zoomOut: string;
    resetRotation: string;
    attributions: string;
  };
  status: {
    loading: string;
    retry: string;
    /** A part of the widget (the form, the statistics) could not be loaded from the server. */
    partFailed: string;
    /** The button that reloads the host page after a part failed to load. */
    reload: string;
  };
  /** The buttons that switch between the map and the report form. */
  views: {
    report: string;
    backToMap: string;
    /** The view switch in the header: its group name and its two buttons (aria-pressed). */
    label: string;
    map: string;
    stats: string;
  };
  report: ReportTranslation;
  /** The public map of reports: filters, list, detail, legend. */
  reportMap: ReportMapTranslation;
  layout: LayoutTranslation;
  /** Report statuses (common/catalogue.ts STATUSES), as the reporter sees them. */
  statuses: Record<Status, string>;
  /** One message per error code the API sends, plus the client's own (network, bad response). */
  errors: Record<ErrorCode | ClientErrorCode, (params: ErrorParams) => string>;
}

/** What an error message may mention. */
export interface ErrorParams {
  /** The unit the widget shows (or was asked to show). */
  unitId: string;
  /** When the device may report again (REPORT_LIMIT_REACHED). */
  retryAt?: Date;
}

/** The report form (issue 3): its steps, fields and messages. */
export interface ReportTranslation {
  /** Accessible name of the form. */
  label: string;
  /** Always visible: urgent matters go to the emergency numbers, not here. */
  urgent: string;
  /** The step indicator, "Krok 1 z 3". */
  stepOf: (step: number, total: number) => string;
  /** Step headings. */
  steps: { place: string; category: string; duplicates: string; details: string; sent: string; confirmed: string };
  next: string;
  back: string;
  place: {
    hint: string;
    /** Appended to the map's keyboard hint while the pin can be placed. */
    keys: string;
    myLocation: string;
    locating: string;
    geoDenied: string;
    geoUnavailable: string;
    noPin: string;
    finding: string;
    unit: (unitName: string) => string;
  };
  category: {
    legend: string;
    loading: string;
    required: string;
    domains: Record<Domain, string>;
  };
  duplicates: {
    intro: string;
    item: (params: { category: string; distance: number; confirmations: number; date: Date }) => string;
    confirm: string;
    confirmLabel: (distance: number) => string;
    newReport: string;
  };
  details: {
    description: string;
    descriptionHint: string;
    counter: (used: number, max: number) => string;
    eventAt: string;
    eventAtHint: string;
    recurrence: string;
    days: string;
    times: string;
    weekdays: Record<Weekday, string>;
    timesOfDay: Record<TimeOfDay, string>;
    photos: string;
    photosHint: string;
    photoAlt: (n: number, name: string) => string;
    removePhoto: (n: number) => string;
    submit: string;
    sending: string;
    /** The citizen's optional address for status updates, and beside it what happens to it. */
    email: string;
    emailHint: string;
  };
  /** Under a refusal before typing, when an "I see it too" is still allowed. */
  confirmOnly: string;
  sent: {
    id: (id: string) => string;
    unit: (unitName: string) => string;
    confirmed: (count: number) => string;
  };
  myReports: {
    title: string;
    loading: string;
    sentOn: (date: Date) => string;
    unknown: string;
  };
}
