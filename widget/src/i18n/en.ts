import type { Translation } from './translation.js';

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
    UNIT_NOT_FOUND: (id) => `No police unit has the identifier “${id}”.`,
    INVALID_REQUEST: (id) => `The police unit identifier “${id}” is not valid.`,
    INVALID_COORDINATES: () => 'The coordinates are not valid.',
    OUTSIDE_POLAND: () => 'This place is outside Poland.',
    ROUTE_NOT_FOUND: () => 'The map server does not support this request. Check the API address.',
    RATE_LIMITED: () => 'Too many requests. Please try again in a moment.',
    INTERNAL_ERROR: () => 'The map server is temporarily unavailable.',
    NETWORK_ERROR: () => 'Could not connect to the map server.',
    BAD_RESPONSE: () => 'The map server sent an unexpected response.',
  },
};
