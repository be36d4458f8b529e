import Feature from 'ol/Feature.js';
import type Geometry from 'ol/geom/Geometry.js';
import MultiPolygon from 'ol/geom/MultiPolygon.js';
import Point from 'ol/geom/Point.js';
import Polygon from 'ol/geom/Polygon.js';

/** The GeoJSON geometries the API sends: report and cluster points, unit and powiat areas. */
export type GeoJsonGeometry =
  | { type: 'Point'; coordinates: readonly number[] }
  | { type: 'Polygon'; coordinates: readonly (readonly (readonly number[])[])[] }
  | { type: 'MultiPolygon'; coordinates: readonly (readonly (readonly (readonly number[])[])[])[] };

export interface GeoJsonFeature {
  id?: string | number | undefined;
  geometry: GeoJsonGeometry | null;
  properties?: object | null | undefined;
}

/**
 * One API feature (WGS84) as an OpenLayers feature on the web map (EPSG:3857): its id, its
 * properties and its geometry. ol/format/GeoJSON reads every GeoJSON geometry type (lines,
 * multi-points, collections) and their code was 4-5 KB gzip of the first download; the API
 * sends only these three, so reading them is a few lines. Anything else is refused loudly.
 */
export function olFeature(json: GeoJsonFeature): Feature {
  const feature = new Feature();
  if (json.properties) feature.setProperties(json.properties as Record<string, unknown>, true);
  if (json.id !== undefined) feature.setId(json.id);
  if (json.geometry) feature.setGeometry(olGeometry(json.geometry));
  return feature;
}

export function olFeatures(collection: { features: readonly GeoJsonFeature[] }): Feature[] {
  return collection.features.map(olFeature);
}

function olGeometry(json: GeoJsonGeometry): Geometry {
  let geometry: Geometry;
  switch (json.type) {
    case 'Point':
      geometry = new Point(json.coordinates as number[]);
      break;
    case 'Polygon':
      geometry = new Polygon(json.coordinates as number[][][]);
      break;
    case 'MultiPolygon':
      geometry = new MultiPolygon(json.coordinates as number[][][][]);
      break;
    default:
      throw new Error(`Unexpected GeoJSON geometry: ${(json as { type: string }).type}`);
  }
  return geometry.transform('EPSG:4326', 'EPSG:3857');
}
