/** GeoJSON's own media type (RFC 7946 section 12). */
export const GEOJSON_TYPE = 'application/geo+json';

/**
 * Whether a GeoJSON answer should go out as application/geo+json: when the client's Accept
 * names it with a weight above 0 and not below application/json's. Everyone else (browsers'
 * fetch sends `*\/*`) gets application/json as before, which every JSON client reads.
 */
export function prefersGeoJson(accept: string | undefined): boolean {
  if (!accept) return false;
  let geo = 0;
  let json = 0;
  for (const range of accept.split(',')) {
    const [type, ...params] = range.split(';');
    const media = type!.trim().toLowerCase();
    const qParam = params.map((p) => p.trim().toLowerCase()).find((p) => p.startsWith('q='));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    if (!Number.isFinite(q)) continue;
    if (media === GEOJSON_TYPE) geo = Math.max(geo, q);
    else if (media === 'application/json') json = Math.max(json, q);
  }
  return geo > 0 && geo >= json;
}
