// Open311's two formats and the XML names of its repeated elements (GeoReport v2).

export type Open311Format = 'json' | 'xml';
export const OPEN311_FORMATS: readonly Open311Format[] = ['json', 'xml'];

/** Names of repeated XML elements, per the spec's examples. */
export const ITEM_NAMES: Readonly<Record<string, string>> = {
  services: 'service',
  service_requests: 'request',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
  errors: 'error',
};
