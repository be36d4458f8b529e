-- A unit's own widget settings (DESIGN.md glossary: widget config). NULL means "inherit from
-- the parent unit"; the effective config takes each field from the nearest unit that sets it.
CREATE TABLE unit_configs (
  unit_id            TEXT PRIMARY KEY REFERENCES units (id),
  enabled_categories TEXT CHECK (enabled_categories IS NULL OR json_valid(enabled_categories)),
  default_view       TEXT CHECK (default_view IN ('map', 'report', 'stats')),
  time_window_days   INTEGER CHECK (time_window_days IN (7, 30, 90, 365)),
  default_lang       TEXT CHECK (default_lang IN ('pl', 'en', 'uk')),
  accent_color       TEXT CHECK (accent_color GLOB '#[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'),
  photos_enabled     INTEGER CHECK (photos_enabled IN (0, 1)),
  allowed_origins    TEXT CHECK (allowed_origins IS NULL OR json_valid(allowed_origins)),
  updated_at         TEXT NOT NULL
) STRICT;
