import type { ErrorCode } from '../../../common/errors.js';
import type { ClientErrorCode } from '../api/client.js';

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
  };
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
