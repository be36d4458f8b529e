-- Police crime statistics (DESIGN.md glossary: crime statistic): the count of one of the
-- police's 7 main crime categories in a powiat and a month, imported by admins as CSV.
CREATE TABLE crime_stats (
  teryt       TEXT NOT NULL REFERENCES powiats (teryt),
  -- YYYY-MM
  month       TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
  category    TEXT NOT NULL CHECK (category IN ('theft', 'car_theft', 'burglary', 'robbery', 'property_damage', 'bodily_harm', 'brawl')),
  count       INTEGER NOT NULL CHECK (count >= 0),
  -- The import that last changed the row: when and by whom.
  imported_at TEXT NOT NULL,
  staff_id    TEXT REFERENCES staff (id),
  PRIMARY KEY (teryt, month, category)
) STRICT, WITHOUT ROWID;
