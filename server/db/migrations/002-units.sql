-- Police units (DESIGN.md glossary: unit, area) and the powiats whose union is each area.
CREATE TABLE units (
  id         TEXT PRIMARY KEY CHECK (id GLOB '[a-z0-9]*' AND id NOT GLOB '*[^a-z0-9-]*'),
  kind       TEXT NOT NULL CHECK (kind IN ('national', 'voivodeship', 'county', 'station')),
  acronym    TEXT NOT NULL CHECK (acronym IN ('KGP', 'KWP', 'KSP', 'KMP', 'KPP', 'KRP', 'KP', 'PP')),
  name       TEXT NOT NULL,
  short_name TEXT NOT NULL,
  seat       TEXT NOT NULL,
  parent_id  TEXT REFERENCES units (id),
  -- GeoJSON Polygon or MultiPolygon, WGS84 lon/lat, and its bounding box.
  area       TEXT NOT NULL CHECK (json_valid(area)),
  min_lon    REAL NOT NULL,
  min_lat    REAL NOT NULL,
  max_lon    REAL NOT NULL,
  max_lat    REAL NOT NULL,
  CHECK ((kind = 'national') = (parent_id IS NULL))
) STRICT;

CREATE INDEX units_parent ON units (parent_id);

CREATE TABLE unit_powiats (
  unit_id TEXT NOT NULL REFERENCES units (id) ON DELETE CASCADE,
  teryt   TEXT NOT NULL REFERENCES powiats (teryt),
  PRIMARY KEY (unit_id, teryt)
) STRICT, WITHOUT ROWID;

CREATE INDEX unit_powiats_teryt ON unit_powiats (teryt);
