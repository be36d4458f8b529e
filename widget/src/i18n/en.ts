import type { Translation } from './translation.js';

const when: Intl.DateTimeFormatOptions = { dateStyle: 'long', timeStyle: 'short' };

/** English. */
export const en: Translation = {
  title: 'National Security Threat Map',
  map: {
    label: (unitName) => `Map of the area: ${unitName}`,
    keyboardHint: 'Arrow keys move the map, plus and minus zoom in and out.',
    zoomIn: 'Zoom in',
    zoomOut: 'Zoom out',
    resetRotation: 'Reset rotation to north',
    attributions: 'Map data sources',
  },
  status: {
    loading: 'Loading the map…',
    retry: 'Try again',
  },
  errors: {
    UNIT_NOT_FOUND: ({ unitId }) => `No police unit has the identifier “${unitId}”.`,
    INVALID_REQUEST: () => 'The map server rejected the request as not valid.',
    INVALID_COORDINATES: () => 'The coordinates are not valid.',
    OUTSIDE_POLAND: () => 'This place is outside Poland.',
    ROUTE_NOT_FOUND: () => 'The map server does not support this request. Check the API address.',
    RATE_LIMITED: () => 'Too many requests. Please try again in a moment.',
    UNKNOWN_CATEGORY: () => 'This threat category is not available.',
    DESCRIPTION_TOO_LONG: () => 'The description can be at most 500 characters long.',
    INVALID_EVENT_TIME: () => 'The date or time of the event is not valid.',
    EVENT_IN_FUTURE: () => 'The date of the event cannot be in the future.',
    INVALID_RECURRENCE: () => 'The days or times when the threat occurs are not valid.',
    PHOTO_TYPE_NOT_ALLOWED: () => 'Photos must be JPEG or PNG images.',
    PHOTOS_TOO_LARGE: () => 'The photos can be at most 5 MB together.',
    TOO_MANY_PHOTOS: () => 'You can attach at most 3 photos.',
    DEVICE_TOKEN_REQUIRED: () => 'Your device could not be recognised. Reload the page and try again.',
    REPORT_LIMIT_REACHED: ({ retryAt }) =>
      'One device can report one threat a day.' +
      (retryAt ? ` You can report again on ${retryAt.toLocaleString('en-GB', when)}.` : ''),
    REPORT_NOT_FOUND: () => 'The report was not found.',
    REPORT_NOT_OPEN: () => 'This report is already closed.',
    INTERNAL_ERROR: () => 'The map server is temporarily unavailable.',
    NETWORK_ERROR: () => 'Could not connect to the map server.',
    BAD_RESPONSE: () => 'The map server sent an unexpected response.',
  },
};
