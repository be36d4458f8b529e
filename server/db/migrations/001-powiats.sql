-- Voivodeships and powiats of the TERYT register, with the shipped (simplified) boundaries.
CREATE TABLE voivodeships (
  teryt TEXT PRIMARY KEY CHECK (teryt GLOB '[0-9][0-9]'),
  name  TEXT NOT NULL
) STRICT;

CREATE TABLE powiats (
  teryt       TEXT PRIMARY KEY CHECK (teryt GLOB '[0-9][0-9][0-9][0-9]'),
  name        TEXT NOT NULL,
  voivodeship TEXT NOT NULL REFERENCES voivodeships (teryt),
  -- GeoJSON Polygon or MultiPolygon, WGS84 lon/lat.
  boundary    TEXT NOT NULL CHECK (json_valid(boundary))
) STRICT;

CREATE INDEX powiats_voivodeship ON powiats (voivodeship);
