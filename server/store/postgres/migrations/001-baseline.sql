-- The PostgreSQL 15 + PostGIS 3 store's baseline: in one file, the same schema as SQLite's
-- migrations 001-023 (server/db/migrations), table for table, column for column (in the same
-- order, so SELECT * reads alike), with the same constraints, indexes, seed rows, aggregate
-- triggers and backfills. The comments of the SQLite files explain what each thing is for;
-- the comments here say where and why PostgreSQL's version differs.
--
-- Types and comparisons
-- * Every text column is COLLATE "C": SQLite compares TEXT byte by byte (BINARY), and the
--   store relies on it (ISO times and period keys compare as strings: 'D2025-05-01' <
--   'M2025-05', updated_at >= cut, ids in ORDER BY). A database created with a language
--   collation (en_US.UTF-8, pl_PL.UTF-8) would otherwise sort and compare differently.
-- * staff.login is citext COLLATE "C" where SQLite says COLLATE NOCASE: both fold ASCII
--   letters only, so 'Admin' and 'admin' are one login, as in SQLite. (A citext column
--   compared with a text-typed expression compares as text, case-sensitively: write
--   `login = $1`, not `login = $1::text`.)
-- * INTEGER is integer (int4) for flags, enumerations and small counts (0/1 flags stay
--   integers, not booleans, so rows read the same as better-sqlite3's), bigint for row
--   numbers, aggregate counts and sums. REAL is double precision, BLOB is bytea.
-- * JSON documents stay text (as in SQLite, read back with JSON.parse), checked by
--   kmzb_json_valid() like json_valid(); a json column would come back from node-pg parsed.
-- * GLOB checks are anchored regular expressions over the same character sets.
-- * STRICT and WITHOUT ROWID have no counterpart (PostgreSQL types are always strict; tables
--   are heaps). INTEGER PRIMARY KEY (reports.seq, audit_log.seq, mail_queue.id) is an
--   identity BY DEFAULT, so a copy from SQLite can keep its numbers (then setval the
--   sequence). Where SQLite code uses the hidden rowid of a table without a key
--   (report_history: ORDER BY at, rowid; login_failures: DELETE ... WHERE rowid = ?), the table
--   has an explicit identity column named rowid; so do confirmations and daily_actions (the
--   other keyless tables), which gives every table a primary key (logical replication needs
--   one). Identity values are never reused, where SQLite reuses a deleted largest rowid.
--
-- Spatial
-- * reports_rtree (an R*Tree virtual table kept by three triggers) becomes the generated
--   column reports.geom (Point, SRID 4326, from lon/lat) with the GiST index reports_geom.
-- * grid_x/grid_y are STORED generated columns (PostgreSQL 15 has no virtual ones), computed
--   with trunc(): CAST(real AS INTEGER) truncates in SQLite but rounds in PostgreSQL.
--
-- Aggregates (stats_counts, unit_ancestors, map_cells with map_suffixes' buckets,
-- map_national, map_versions) are kept by PL/pgSQL triggers with the same results as
-- SQLite's, row for row (server/test/pg-schema.test.ts replays the same writes on both and
-- compares the tables). Differences in how, not what:
-- * An INSERT ... ON CONFLICT DO UPDATE may not touch one row twice in PostgreSQL (SQLite
--   allows it), so contributions that can share a key (a report's old and new cell, its old
--   and new verification bucket) are summed per key first (GROUP BY); the sums are the same.
-- * SQLite's BEFORE DELETE / BEFORE UPDATE triggers read the row as it was from the table;
--   here AFTER triggers use OLD. The pairs stats_report_unset/stats_report_set and
--   map_cells_*/map_suffixes_* are each one trigger.
-- * map_national is kept by statement-level triggers on map_cells with transition tables:
--   one grouped upsert per statement instead of one per map_cells row.
-- * round() of a double rounds half to even in PostgreSQL, half away from zero in SQLite:
--   kmzb_micro() is SQLite's CAST(round(x * 1000000) AS INTEGER) exactly.
-- * julianday() differences become exact millisecond differences of the parsed times
--   (kmzb_hours_bucket), in UTC whatever the session's TimeZone.
-- * Every upsert lists its rows in key order: writers that lock the same hot rows (the
--   national unit's counts) take them in one order, which makes deadlocks (40P01) rarer; they
--   remain possible between transactions that write several reports in different orders.
--
-- Backfills: what the SQLite migrations run between "backfill:begin" and "backfill:end" is
-- kmzb_backfill_stats(), kmzb_backfill_map(reset_cuts) (020, 021 and 023 together),
-- kmzb_backfill_map_national() and kmzb_backfill_unit_ancestors(), to run after a bulk load
-- made with the triggers off (or to repair an aggregate).

-- PostGIS is not a trusted extension: on a server where the application's role is not a
-- superuser, a DBA creates it first (IF NOT EXISTS then does nothing). citext is trusted
-- (PostgreSQL 13+): the database owner may create it.
CREATE EXTENSION IF NOT EXISTS postgis;
CREATE EXTENSION IF NOT EXISTS citext;

-- Helpers ------------------------------------------------------------------------------------

-- SQLite's json_valid(): true for well-formed JSON text, false otherwise (NULL for NULL).
CREATE FUNCTION kmzb_json_valid(doc text) RETURNS boolean
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
BEGIN
  PERFORM doc::json;
  RETURN true;
EXCEPTION WHEN others THEN
  RETURN false;
END
$$;

-- SQLite's CAST(round(x * 1000000) AS INTEGER): round() adds or subtracts 0.5 and truncates
-- (half away from zero) in double precision; PostgreSQL's round(float8) rounds half to even.
-- Not STRICT (NULL gives NULL all the same): a STRICT SQL function with a CASE is not inlined.
CREATE FUNCTION kmzb_micro(x double precision) RETURNS bigint
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN trunc(x * 1000000::double precision
  + CASE WHEN x * 1000000::double precision < 0 THEN -0.5::double precision ELSE 0.5::double precision END)::bigint;

-- A time as the store writes it: JavaScript's toISOString() ('2025-05-01T18:30:00.000Z').
CREATE FUNCTION kmzb_iso(t timestamptz) RETURNS text
LANGUAGE sql STABLE STRICT PARALLEL SAFE
RETURN to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');

-- The duration key of stats_counts' 'verified' and 'closed' rows (migration 015): whole hours
-- from `p_since` to `p_at`, at least 0, rounded down to 1 h under 72 h, to 24 h under 2160 h, to
-- 168 h beyond. SQLite computes round((julianday(at) - julianday(since)) * 86400000), which
-- is the exact difference in milliseconds for millisecond times; this computes it exactly.
-- Times without a zone are UTC, as in SQLite (hence the function's own TimeZone).
-- (PL/pgSQL: a function with SET is never inlined, and PL/pgSQL keeps its plan.)
CREATE FUNCTION kmzb_hours_bucket(p_at text, p_since text) RETURNS text
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE SET timezone TO 'UTC' AS $$
DECLARE
  h bigint := greatest(0, round((extract(epoch FROM p_at::timestamptz) - extract(epoch FROM p_since::timestamptz)) * 1000))::bigint / 3600000;
BEGIN
  RETURN (CASE WHEN h < 72 THEN h WHEN h < 2160 THEN h / 24 * 24 ELSE h / 168 * 168 END)::text;
END
$$;

-- 001 Powiats ----------------------------------------------------------------------------------

CREATE TABLE voivodeships (
  teryt text COLLATE "C" PRIMARY KEY CHECK (teryt ~ '^[0-9]{2}$'),
  name  text COLLATE "C" NOT NULL
);

CREATE TABLE powiats (
  teryt       text COLLATE "C" PRIMARY KEY CHECK (teryt ~ '^[0-9]{4}$'),
  name        text COLLATE "C" NOT NULL,
  voivodeship text COLLATE "C" NOT NULL REFERENCES voivodeships (teryt),
  -- GeoJSON Polygon or MultiPolygon, WGS84 lon/lat.
  boundary    text COLLATE "C" NOT NULL CHECK (kmzb_json_valid(boundary))
);

CREATE INDEX powiats_voivodeship ON powiats (voivodeship);

-- 002 Units ------------------------------------------------------------------------------------

CREATE TABLE units (
  -- SQLite: id GLOB '[a-z0-9]*' AND id NOT GLOB '*[^a-z0-9-]*'.
  id         text COLLATE "C" PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]*$'),
  kind       text COLLATE "C" NOT NULL CHECK (kind IN ('national', 'voivodeship', 'county', 'station')),
  acronym    text COLLATE "C" NOT NULL CHECK (acronym IN ('KGP', 'KWP', 'KSP', 'KMP', 'KPP', 'KRP', 'KP', 'PP')),
  name       text COLLATE "C" NOT NULL,
  short_name text COLLATE "C" NOT NULL,
  seat       text COLLATE "C" NOT NULL,
  parent_id  text COLLATE "C" REFERENCES units (id),
  -- GeoJSON Polygon or MultiPolygon, WGS84 lon/lat, and its bounding box.
  area       text COLLATE "C" NOT NULL CHECK (kmzb_json_valid(area)),
  min_lon    double precision NOT NULL,
  min_lat    double precision NOT NULL,
  max_lon    double precision NOT NULL,
  max_lat    double precision NOT NULL,
  CHECK ((kind = 'national') = (parent_id IS NULL))
);

CREATE INDEX units_parent ON units (parent_id);

CREATE TABLE unit_powiats (
  unit_id text COLLATE "C" NOT NULL REFERENCES units (id) ON DELETE CASCADE,
  teryt   text COLLATE "C" NOT NULL REFERENCES powiats (teryt),
  PRIMARY KEY (unit_id, teryt)
);

CREATE INDEX unit_powiats_teryt ON unit_powiats (teryt);

-- 003 Categories and statuses ---------------------------------------------------------------------

CREATE TABLE categories (
  -- SQLite: code GLOB '[a-z]*' AND code NOT GLOB '*[^a-z_]*'.
  code       text COLLATE "C" PRIMARY KEY CHECK (code ~ '^[a-z][a-z_]*$'),
  position   integer NOT NULL UNIQUE,
  domain     text COLLATE "C" NOT NULL CHECK (domain IN ('road', 'order', 'environment', 'rail', 'social', 'animals')),
  name_pl    text COLLATE "C" NOT NULL,
  name_en    text COLLATE "C" NOT NULL,
  name_uk    text COLLATE "C" NOT NULL,
  visibility text COLLATE "C" NOT NULL CHECK (visibility IN ('always', 'confirmed', 'never'))
);

INSERT INTO categories (code, position, domain, name_pl, name_en, name_uk, visibility) VALUES
  ('vandalism', 1, 'order', 'Akty wandalizmu', 'Acts of vandalism', 'Акти вандалізму', 'always'),
  ('illegal_dump', 2, 'environment', 'Dzikie wysypiska śmieci', 'Illegal rubbish dumps', 'Незаконні сміттєзвалища', 'always'),
  ('minors_at_risk', 3, 'order', 'Grupowanie się małoletnich zagrożonych demoralizacją', 'Gatherings of minors at risk of delinquency', 'Скупчення неповнолітніх, яким загрожує деморалізація', 'always'),
  ('poaching', 4, 'environment', 'Kłusownictwo', 'Poaching', 'Браконьєрство', 'always'),
  ('water_danger', 5, 'environment', 'Miejsca niebezpieczne na wodach', 'Dangerous places on waters', 'Небезпечні місця на водоймах', 'always'),
  ('dangerous_entertainment', 6, 'order', 'Miejsce niebezpiecznej działalności rozrywkowej', 'Place of dangerous entertainment activity', 'Місце небезпечної розважальної діяльності', 'confirmed'),
  ('illegal_logging', 7, 'environment', 'Nielegalna wycinka drzew', 'Illegal tree felling', 'Незаконна вирубка дерев', 'always'),
  ('street_racing', 8, 'road', 'Nielegalne rajdy samochodowe', 'Illegal car racing', 'Незаконні автомобільні перегони', 'always'),
  ('illegal_parking', 9, 'road', 'Nieprawidłowe parkowanie', 'Improper parking', 'Неправильне паркування', 'always'),
  ('rail_track_crossing', 10, 'rail', 'Niestrzeżone przejście przez tory', 'Unguarded track crossing', 'Неохоронюваний перехід через колії', 'always'),
  ('rail_level_crossing', 11, 'rail', 'Niestrzeżony przejazd kolejowy', 'Unguarded level crossing', 'Неохоронюваний залізничний переїзд', 'always'),
  ('road_infrastructure', 12, 'road', 'Niewłaściwa infrastruktura drogowa', 'Inadequate road infrastructure', 'Неналежна дорожня інфраструктура', 'always'),
  ('greenery_damage', 13, 'environment', 'Niszczenie zieleni', 'Destruction of greenery', 'Знищення зелених насаджень', 'always'),
  ('homeless_in_need', 14, 'social', 'Osoba bezdomna wymagająca pomocy', 'Homeless person in need of help', 'Безпритульна особа, яка потребує допомоги', 'always'),
  ('quads_in_forest', 15, 'environment', 'Poruszanie się po terenach leśnych quadami', 'Quads in forests', 'Їзда на квадроциклах лісовими територіями', 'always'),
  ('speeding', 16, 'road', 'Przekraczanie dozwolonej prędkości', 'Speeding', 'Перевищення дозволеної швидкості', 'always'),
  ('public_drinking', 17, 'order', 'Spożywanie alkoholu w miejscach niedozwolonych', 'Drinking alcohol in prohibited places', 'Вживання алкоголю в заборонених місцях', 'always'),
  ('drug_use', 18, 'order', 'Używanie środków odurzających', 'Drug use', 'Вживання наркотичних речовин', 'never'),
  ('stray_dogs', 19, 'animals', 'Wałęsające się bezpańskie psy', 'Stray dogs', 'Бездомні собаки, що блукають', 'always'),
  ('grass_burning', 20, 'environment', 'Wypalanie traw', 'Grass burning', 'Випалювання трави', 'always'),
  ('wildlife_collisions', 21, 'road', 'Zdarzenia drogowe z udziałem zwierząt leśnych', 'Road incidents with wild animals', 'Дорожні пригоди за участю диких тварин', 'always'),
  ('animal_cruelty', 22, 'animals', 'Znęcanie się nad zwierzętami', 'Animal cruelty', 'Жорстоке поводження з тваринами', 'never'),
  ('traffic_organisation', 23, 'road', 'Zła organizacja ruchu drogowego', 'Poor traffic organisation', 'Погана організація дорожнього руху', 'always'),
  ('begging', 24, 'social', 'Żebractwo', 'Begging', 'Жебрацтво', 'always');

CREATE TABLE statuses (
  id       text COLLATE "C" PRIMARY KEY,
  position integer NOT NULL UNIQUE,
  label_pl text COLLATE "C" NOT NULL,
  open     integer NOT NULL CHECK (open IN (0, 1))
);

INSERT INTO statuses (id, position, label_pl, open) VALUES
  ('new', 1, 'Nowe', 1),
  ('verifying', 2, 'Weryfikacja', 1),
  ('confirmed', 3, 'Potwierdzone', 1),
  ('eliminated', 4, 'Potwierdzone (wyeliminowane)', 0),
  ('forwarded', 5, 'Potwierdzone (przekazane poza Policję)', 1),
  ('not_confirmed', 6, 'Niepotwierdzone', 0),
  ('prank', 7, 'Żart lub pomyłka', 0),
  ('hidden', 8, '(moderacja)', 0);

-- 004 Reports (with 014's version and duplicate_of, 015's times, 017's grid) ------------------------

CREATE TABLE reports (
  seq               bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  id                text COLLATE "C" NOT NULL UNIQUE CHECK (length(id) = 10),
  unit_id           text COLLATE "C" NOT NULL REFERENCES units (id),
  category          text COLLATE "C" NOT NULL REFERENCES categories (code),
  status            text COLLATE "C" NOT NULL DEFAULT 'new' REFERENCES statuses (id),
  source            text COLLATE "C" NOT NULL DEFAULT 'citizen' CHECK (source IN ('citizen', 'debate', 'contact', 'police')),
  lon               double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
  lat               double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
  -- length() counts characters in both (SQLite's on TEXT, PostgreSQL's in a UTF8 database).
  description       text COLLATE "C" CHECK (length(description) <= 500),
  event_at          text COLLATE "C",
  recurrence        text COLLATE "C" CHECK (recurrence IS NULL OR kmzb_json_valid(recurrence)),
  tracking_hash     bytea NOT NULL CHECK (octet_length(tracking_hash) = 32),
  created_at        text COLLATE "C" NOT NULL,
  updated_at        text COLLATE "C" NOT NULL,
  confirmations     integer NOT NULL DEFAULT 0 CHECK (confirmations >= 0),
  demo              integer NOT NULL DEFAULT 0 CHECK (demo IN (0, 1)),
  -- 014
  version           integer NOT NULL DEFAULT 1,
  duplicate_of      text COLLATE "C" REFERENCES reports (id),
  -- 015
  first_verified_at text COLLATE "C",
  closed_at         text COLLATE "C",
  -- 017: the report's cell of the base grid (zoom 8). The constants must stay equal to
  -- migration 017's (and gridAt(GRID_BASE_ZOOM)); trunc() is SQLite's CAST(real AS INTEGER).
  grid_x            integer GENERATED ALWAYS AS (trunc((lon + 180::double precision) / 0.439453125::double precision)::integer) STORED,
  grid_y            integer GENERATED ALWAYS AS (trunc((lat + 90::double precision) / 0.2705543592739709::double precision)::integer) STORED,
  -- Instead of reports_rtree (004): the point for PostGIS (nearby reports, boxes, clustering).
  geom              geometry(Point, 4326) GENERATED ALWAYS AS (ST_SetSRID(ST_MakePoint(lon, lat), 4326)) STORED
);

-- 004's reports_unit_created was replaced by 010's reports_map; 017's reports_grid by 020's
-- reports_cells, which 022 replaced by reports_cells_lon and reports_cells_lat.
CREATE INDEX reports_status ON reports (status);
CREATE INDEX reports_demo ON reports (demo) WHERE demo = 1;
CREATE INDEX reports_geom ON reports USING gist (geom);
-- 010
CREATE INDEX reports_map ON reports (unit_id, created_at, status, category, updated_at, lon, lat, confirmations, id);
-- 018
CREATE INDEX reports_created ON reports (created_at);
-- 020
CREATE INDEX reports_status_updated ON reports (status, updated_at, category, created_at, unit_id, lon, lat);
CREATE INDEX reports_filter ON reports (category, status, created_at, updated_at, unit_id, lon, lat);
-- 022
CREATE INDEX reports_cells_lon ON reports (grid_x, grid_y, status, category, lon, created_at, updated_at, unit_id, lat);
CREATE INDEX reports_cells_lat ON reports (grid_x, grid_y, status, category, lat, created_at, updated_at, unit_id, lon);

-- 005 History -----------------------------------------------------------------------------------

CREATE TABLE report_history (
  -- SQLite's implicit rowid, which the store orders by (ORDER BY at, rowid).
  rowid         bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  report_id     text COLLATE "C" NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  at            text COLLATE "C" NOT NULL,
  status        text COLLATE "C" NOT NULL REFERENCES statuses (id),
  public_note   text COLLATE "C",
  internal_note text COLLATE "C",
  staff_id      text COLLATE "C"
);

CREATE INDEX report_history_report ON report_history (report_id, at);
-- 018
CREATE INDEX report_history_status ON report_history (status, at);

-- 006 Confirmations ---------------------------------------------------------------------------------

CREATE TABLE confirmations (
  rowid       bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  report_id   text COLLATE "C" NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  at          text COLLATE "C" NOT NULL,
  device_hash bytea NOT NULL
);

CREATE INDEX confirmations_report ON confirmations (report_id);

-- 007 Photos -------------------------------------------------------------------------------------

CREATE TABLE report_photos (
  report_id text COLLATE "C" NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  ordinal   integer NOT NULL CHECK (ordinal BETWEEN 1 AND 3),
  mime      text COLLATE "C" NOT NULL CHECK (mime IN ('image/jpeg', 'image/png')),
  bytes     bytea NOT NULL,
  PRIMARY KEY (report_id, ordinal)
);

-- 008 Daily actions ---------------------------------------------------------------------------------

CREATE TABLE daily_actions (
  rowid    bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  key_hash bytea NOT NULL CHECK (octet_length(key_hash) = 32),
  kind     text COLLATE "C" NOT NULL CHECK (kind IN ('device', 'network')),
  action   text COLLATE "C" NOT NULL CHECK (action IN ('report', 'confirmation')),
  at       text COLLATE "C" NOT NULL
);

CREATE INDEX daily_actions_key ON daily_actions (key_hash, at);
CREATE INDEX daily_actions_at ON daily_actions (at);

-- 009 Server secrets --------------------------------------------------------------------------------

CREATE TABLE server_secrets (
  name  text COLLATE "C" PRIMARY KEY,
  value bytea NOT NULL
);

-- 011 Staff (with 019's mail columns) ------------------------------------------------------------------

CREATE TABLE staff (
  id                 text COLLATE "C" PRIMARY KEY,
  -- SQLite: TEXT UNIQUE COLLATE NOCASE. citext under "C" folds ASCII only, as NOCASE does.
  login              citext COLLATE "C" NOT NULL UNIQUE CHECK (length(login) BETWEEN 2 AND 64),
  display_name       text COLLATE "C" NOT NULL CHECK (length(display_name) BETWEEN 1 AND 120),
  role               text COLLATE "C" NOT NULL CHECK (role IN ('officer', 'admin')),
  unit_id            text COLLATE "C" NOT NULL REFERENCES units (id),
  password_hash      text COLLATE "C" NOT NULL,
  created_at         text COLLATE "C" NOT NULL,
  disabled_at        text COLLATE "C",
  -- 019
  email              text COLLATE "C" CHECK (email IS NULL OR length(email) BETWEEN 3 AND 254),
  mail_lang          text COLLATE "C" NOT NULL DEFAULT 'pl' CHECK (mail_lang IN ('pl', 'en', 'uk')),
  notify_new_reports integer NOT NULL DEFAULT 0 CHECK (notify_new_reports IN (0, 1)),
  notify_digest      integer NOT NULL DEFAULT 0 CHECK (notify_digest IN (0, 1))
);

CREATE INDEX staff_unit ON staff (unit_id);

CREATE TABLE staff_sessions (
  id_hash             bytea PRIMARY KEY CHECK (octet_length(id_hash) = 32),
  staff_id            text COLLATE "C" NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
  created_at          text COLLATE "C" NOT NULL,
  idle_expires_at     text COLLATE "C" NOT NULL,
  absolute_expires_at text COLLATE "C" NOT NULL
);

CREATE INDEX staff_sessions_staff ON staff_sessions (staff_id);

CREATE TABLE login_failures (
  -- SQLite's implicit rowid: a reserved attempt is taken back by it (DELETE ... WHERE rowid = ?).
  rowid bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  key   text COLLATE "C" NOT NULL,
  at    text COLLATE "C" NOT NULL
);

-- Under "C", this index also serves LIKE 'trusted:%' (a prefix). Note that SQLite's LIKE
-- ignores ASCII case and PostgreSQL's does not; the keys are written in lower case.
CREATE INDEX login_failures_key ON login_failures (key, at);

-- 012 Audit log ---------------------------------------------------------------------------------------

CREATE TABLE audit_log (
  seq         bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  at          text COLLATE "C" NOT NULL,
  staff_id    text COLLATE "C" REFERENCES staff (id),
  action      text COLLATE "C" NOT NULL,
  target_type text COLLATE "C" NOT NULL CHECK (target_type IN ('report', 'unit', 'staff')),
  target_id   text COLLATE "C",
  unit_id     text COLLATE "C" REFERENCES units (id),
  before      text COLLATE "C" CHECK (before IS NULL OR kmzb_json_valid(before)),
  after       text COLLATE "C" CHECK (after IS NULL OR kmzb_json_valid(after))
);

CREATE INDEX audit_log_unit ON audit_log (unit_id, seq);

-- 013 Unit configs ------------------------------------------------------------------------------------

CREATE TABLE unit_configs (
  unit_id            text COLLATE "C" PRIMARY KEY REFERENCES units (id),
  enabled_categories text COLLATE "C" CHECK (enabled_categories IS NULL OR kmzb_json_valid(enabled_categories)),
  default_view       text COLLATE "C" CHECK (default_view IN ('map', 'report', 'stats')),
  time_window_days   integer CHECK (time_window_days IN (7, 30, 90, 365)),
  default_lang       text COLLATE "C" CHECK (default_lang IN ('pl', 'en', 'uk')),
  -- SQLite: GLOB '#[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'.
  accent_color       text COLLATE "C" CHECK (accent_color ~ '^#[0-9a-f]{6}$'),
  photos_enabled     integer CHECK (photos_enabled IN (0, 1)),
  allowed_origins    text COLLATE "C" CHECK (allowed_origins IS NULL OR kmzb_json_valid(allowed_origins)),
  updated_at         text COLLATE "C" NOT NULL
);

-- 016 Crime statistics ----------------------------------------------------------------------------------

CREATE TABLE crime_stats (
  teryt       text COLLATE "C" NOT NULL REFERENCES powiats (teryt),
  -- SQLite: GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'.
  month       text COLLATE "C" NOT NULL CHECK (month ~ '^[0-9]{4}-[0-1][0-9]$'),
  category    text COLLATE "C" NOT NULL CHECK (category IN ('theft', 'car_theft', 'burglary', 'robbery', 'property_damage', 'bodily_harm', 'brawl')),
  count       integer NOT NULL CHECK (count >= 0),
  imported_at text COLLATE "C" NOT NULL,
  staff_id    text COLLATE "C" REFERENCES staff (id),
  PRIMARY KEY (teryt, month, category)
);

-- 019 Mail -------------------------------------------------------------------------------------------

CREATE TABLE mail_queue (
  id              bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  kind            text COLLATE "C" NOT NULL,
  recipient       text COLLATE "C" NOT NULL,
  staff_id        text COLLATE "C" REFERENCES staff (id) ON DELETE CASCADE,
  report_id       text COLLATE "C",
  subject         text COLLATE "C" NOT NULL,
  text            text COLLATE "C" NOT NULL,
  html            text COLLATE "C" NOT NULL,
  created_at      text COLLATE "C" NOT NULL,
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at text COLLATE "C" NOT NULL,
  sent_at         text COLLATE "C",
  failed_at       text COLLATE "C",
  last_error      text COLLATE "C"
);

CREATE INDEX mail_queue_due ON mail_queue (next_attempt_at) WHERE sent_at IS NULL AND failed_at IS NULL;

-- The 'reports' watermark is a reports.seq. With concurrent writers an identity value is
-- taken at INSERT and becomes visible at COMMIT, so a smaller seq can appear after a larger
-- one was read: the mail worker must not move the watermark past a seq whose transaction may
-- still be open (see the store's notes), which SQLite's single writer never had to care about.
CREATE TABLE mail_watermarks (
  name  text COLLATE "C" PRIMARY KEY,
  value bigint NOT NULL
);

CREATE TABLE mail_digests (
  staff_id text COLLATE "C" NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
  day      text COLLATE "C" NOT NULL,
  PRIMARY KEY (staff_id, day)
);

CREATE TABLE report_contacts (
  report_id    text COLLATE "C" PRIMARY KEY REFERENCES reports (id) ON DELETE CASCADE,
  email        text COLLATE "C" NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
  lang         text COLLATE "C" NOT NULL DEFAULT 'pl' CHECK (lang IN ('pl', 'en', 'uk')),
  tracking_url text COLLATE "C" NOT NULL,
  created_at   text COLLATE "C" NOT NULL
);

INSERT INTO mail_watermarks (name, value) VALUES ('reports', (SELECT coalesce(max(seq), 0) FROM reports));

-- 015 Statistics aggregate ----------------------------------------------------------------------------

CREATE TABLE stats_counts (
  unit_id text COLLATE "C" NOT NULL,
  period  text COLLATE "C" NOT NULL,
  dim     text COLLATE "C" NOT NULL,
  key     text COLLATE "C" NOT NULL,
  n       bigint NOT NULL,
  PRIMARY KEY (unit_id, period, dim, key)
);

CREATE TABLE unit_ancestors (
  unit_id     text COLLATE "C" NOT NULL REFERENCES units (id) ON DELETE CASCADE,
  ancestor_id text COLLATE "C" NOT NULL,
  PRIMARY KEY (unit_id, ancestor_id)
);

CREATE VIEW stats_granularities (prefix, len) AS VALUES ('D'::text COLLATE "C", 10), ('M', 7);

-- What one report contributes to stats_counts (before the ancestors and periods), for the
-- values of one row: the triggers call it with OLD or NEW, the view below with each report.
CREATE FUNCTION kmzb_stat_keys(status text, category text, source text, created_at text, first_verified_at text, closed_at text)
RETURNS TABLE (dim text, key text)
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT 'status', status
  UNION ALL SELECT 'category', category WHERE status <> 'hidden'
  UNION ALL SELECT 'source', source WHERE status <> 'hidden'
  UNION ALL SELECT 'verified', kmzb_hours_bucket(first_verified_at, created_at) WHERE status <> 'hidden' AND first_verified_at IS NOT NULL
  UNION ALL SELECT 'closed', kmzb_hours_bucket(closed_at, created_at) WHERE status <> 'hidden' AND closed_at IS NOT NULL
$$;

CREATE VIEW report_stat_keys (seq, unit_id, created_at, dim, key) AS
  SELECT r.seq, r.unit_id, r.created_at, k.dim, k.key
  FROM reports r CROSS JOIN LATERAL kmzb_stat_keys(r.status, r.category, r.source, r.created_at, r.first_verified_at, r.closed_at) k;

-- unit_ancestors_insert: a new unit's rows are its own plus its parent's (parents first).
CREATE FUNCTION kmzb_unit_ancestors_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO unit_ancestors (unit_id, ancestor_id)
    SELECT NEW.id, NEW.id UNION ALL SELECT NEW.id, a.ancestor_id FROM unit_ancestors a WHERE a.unit_id = NEW.parent_id;
  RETURN NULL;
END
$$;

CREATE TRIGGER unit_ancestors_insert AFTER INSERT ON units FOR EACH ROW EXECUTE FUNCTION kmzb_unit_ancestors_insert();

-- A report's whole contribution, added (p_n = 1) or taken out (p_n = -1): stats_report_insert,
-- stats_report_delete and stats_report_unset/stats_report_set of migration 015.
-- PL/pgSQL rather than SQL for the helpers the triggers call: PostgreSQL 15 plans an SQL
-- function's statements at every call, PL/pgSQL keeps their plans for the session.
CREATE FUNCTION kmzb_stats_contribute(r reports, p_n integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO stats_counts AS s (unit_id, period, dim, key, n)
    SELECT a.ancestor_id, g.prefix || substr(r.created_at, 1, g.len), k.dim, k.key, p_n
    FROM kmzb_stat_keys(r.status, r.category, r.source, r.created_at, r.first_verified_at, r.closed_at) k
      CROSS JOIN unit_ancestors a CROSS JOIN stats_granularities g
    WHERE a.unit_id = r.unit_id
    ORDER BY 1, 2, 3, 4
  ON CONFLICT (unit_id, period, dim, key) DO UPDATE SET n = s.n + excluded.n;
END
$$;

CREATE FUNCTION kmzb_stats_report_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM kmzb_stats_contribute(NEW, 1);
  RETURN NULL;
END
$$;

CREATE FUNCTION kmzb_stats_report_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM kmzb_stats_contribute(OLD, -1);
  RETURN NULL;
END
$$;

-- A status change that neither hides nor unhides moves one 'status' key.
CREATE FUNCTION kmzb_stats_report_status() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO stats_counts AS s (unit_id, period, dim, key, n)
    SELECT a.ancestor_id, g.prefix || substr(NEW.created_at, 1, g.len), 'status', k.key, k.n
    FROM unit_ancestors a CROSS JOIN stats_granularities g CROSS JOIN (VALUES (OLD.status, -1), (NEW.status, 1)) k (key, n)
    WHERE a.unit_id = NEW.unit_id
    ORDER BY 1, 2, 3, 4
  ON CONFLICT (unit_id, period, dim, key) DO UPDATE SET n = s.n + excluded.n;
  RETURN NULL;
END
$$;

-- A newly set (or changed) verification or final time moves its duration key. The old and the
-- new time may fall in one bucket: summed per key (one row may not be upserted twice).
CREATE FUNCTION kmzb_stats_report_times() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO stats_counts AS s (unit_id, period, dim, key, n)
    SELECT a.ancestor_id, g.prefix || substr(NEW.created_at, 1, g.len), d.dim, d.key, sum(d.n)
    FROM unit_ancestors a CROSS JOIN stats_granularities g CROSS JOIN (
      SELECT 'verified' AS dim, kmzb_hours_bucket(OLD.first_verified_at, NEW.created_at) AS key, -1 AS n
        WHERE OLD.first_verified_at IS NOT NULL AND OLD.first_verified_at IS DISTINCT FROM NEW.first_verified_at
      UNION ALL SELECT 'verified', kmzb_hours_bucket(NEW.first_verified_at, NEW.created_at), 1
        WHERE NEW.first_verified_at IS NOT NULL AND OLD.first_verified_at IS DISTINCT FROM NEW.first_verified_at
      UNION ALL SELECT 'closed', kmzb_hours_bucket(OLD.closed_at, NEW.created_at), -1
        WHERE OLD.closed_at IS NOT NULL AND OLD.closed_at IS DISTINCT FROM NEW.closed_at
      UNION ALL SELECT 'closed', kmzb_hours_bucket(NEW.closed_at, NEW.created_at), 1
        WHERE NEW.closed_at IS NOT NULL AND OLD.closed_at IS DISTINCT FROM NEW.closed_at
    ) d
    WHERE a.unit_id = NEW.unit_id
    GROUP BY 1, 2, 3, 4
    ORDER BY 1, 2, 3, 4
  ON CONFLICT (unit_id, period, dim, key) DO UPDATE SET n = s.n + excluded.n;
  RETURN NULL;
END
$$;

-- SQLite's stats_report_unset (BEFORE, the old row out) and stats_report_set (AFTER, the new
-- row in), as one AFTER trigger with OLD and NEW.
CREATE FUNCTION kmzb_stats_report_reset() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM kmzb_stats_contribute(OLD, -1);
  PERFORM kmzb_stats_contribute(NEW, 1);
  RETURN NULL;
END
$$;

CREATE FUNCTION kmzb_stats_history_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE reports SET
    first_verified_at = coalesce(first_verified_at, NEW.at),
    closed_at = CASE WHEN closed_at IS NULL AND NEW.status IN ('eliminated', 'forwarded', 'not_confirmed', 'prank')
      THEN NEW.at ELSE closed_at END
  WHERE id = NEW.report_id AND (first_verified_at IS NULL
    OR (closed_at IS NULL AND NEW.status IN ('eliminated', 'forwarded', 'not_confirmed', 'prank')));
  RETURN NULL;
END
$$;

-- The WHEN conditions are SQLite's, IS / IS NOT written IS NOT DISTINCT FROM / IS DISTINCT FROM.
CREATE TRIGGER stats_report_insert AFTER INSERT ON reports FOR EACH ROW EXECUTE FUNCTION kmzb_stats_report_insert();

CREATE TRIGGER stats_report_delete AFTER DELETE ON reports FOR EACH ROW EXECUTE FUNCTION kmzb_stats_report_delete();

CREATE TRIGGER stats_report_status AFTER UPDATE OF status ON reports FOR EACH ROW
WHEN (OLD.status IS DISTINCT FROM NEW.status AND (OLD.status = 'hidden') = (NEW.status = 'hidden')
  AND OLD.unit_id IS NOT DISTINCT FROM NEW.unit_id AND OLD.created_at IS NOT DISTINCT FROM NEW.created_at
  AND OLD.category IS NOT DISTINCT FROM NEW.category AND OLD.source IS NOT DISTINCT FROM NEW.source)
EXECUTE FUNCTION kmzb_stats_report_status();

CREATE TRIGGER stats_report_times AFTER UPDATE OF first_verified_at, closed_at ON reports FOR EACH ROW
WHEN (NEW.status <> 'hidden' AND OLD.status <> 'hidden' AND OLD.unit_id IS NOT DISTINCT FROM NEW.unit_id
  AND OLD.created_at IS NOT DISTINCT FROM NEW.created_at AND OLD.category IS NOT DISTINCT FROM NEW.category
  AND OLD.source IS NOT DISTINCT FROM NEW.source)
EXECUTE FUNCTION kmzb_stats_report_times();

CREATE TRIGGER stats_report_reset AFTER UPDATE OF unit_id, category, status, source, created_at ON reports FOR EACH ROW
WHEN (OLD.unit_id IS DISTINCT FROM NEW.unit_id OR OLD.category IS DISTINCT FROM NEW.category
  OR OLD.source IS DISTINCT FROM NEW.source OR OLD.created_at IS DISTINCT FROM NEW.created_at
  OR (OLD.status = 'hidden') <> (NEW.status = 'hidden'))
EXECUTE FUNCTION kmzb_stats_report_reset();

CREATE TRIGGER stats_history_insert AFTER INSERT ON report_history FOR EACH ROW
WHEN (NEW.status NOT IN ('new', 'hidden'))
EXECUTE FUNCTION kmzb_stats_history_insert();

-- 020 + 021 Map aggregate ---------------------------------------------------------------------------------

CREATE TABLE map_cells (
  period      text COLLATE "C" NOT NULL,
  status      text COLLATE "C" NOT NULL,
  category    text COLLATE "C" NOT NULL,
  gx          integer NOT NULL,
  gy          integer NOT NULL,
  unit_id     text COLLATE "C" NOT NULL,
  n           bigint NOT NULL,
  sum_lon     bigint NOT NULL,
  sum_lat     bigint NOT NULL,
  updated_max text COLLATE "C" NOT NULL,
  PRIMARY KEY (period, status, category, gx, gy, unit_id)
);

CREATE TABLE map_cuts (
  status      text COLLATE "C" PRIMARY KEY,
  window_days integer NOT NULL,
  cut         text COLLATE "C" NOT NULL
);

CREATE TABLE map_suffixes (
  period text COLLATE "C" PRIMARY KEY,
  since  text COLLATE "C" NOT NULL,
  year   text COLLATE "C"
);

INSERT INTO map_suffixes (period, since, year)
  SELECT 'S' || y, y || '-01', NULL FROM (SELECT lpad(v::text, 4, '0') AS y FROM generate_series(2016, 2060) v) s;
INSERT INTO map_suffixes (period, since, year)
  SELECT 'T' || substr(s.since, 1, 4) || '-' || lpad(m::text, 2, '0'), substr(s.since, 1, 4) || '-' || lpad(m::text, 2, '0'), substr(s.since, 1, 4)
  FROM map_suffixes s CROSS JOIN generate_series(1, 12) m;

CREATE TABLE map_versions (
  unit_id text COLLATE "C" PRIMARY KEY,
  version bigint NOT NULL
);

-- 023
CREATE TABLE map_national (
  period      text COLLATE "C" NOT NULL,
  status      text COLLATE "C" NOT NULL,
  category    text COLLATE "C" NOT NULL,
  gx          integer NOT NULL,
  gy          integer NOT NULL,
  n           bigint NOT NULL,
  sum_lon     bigint NOT NULL,
  sum_lat     bigint NOT NULL,
  updated_max text COLLATE "C" NOT NULL,
  PRIMARY KEY (period, status, category, gx, gy)
);

-- Is a report with this status and last change in map_cells? The statuses visible for ever
-- (a test checks the list against reports/visibility.ts, as for SQLite's), or a windowed one
-- changed since its cut. prank and hidden have no cut: never.
CREATE FUNCTION kmzb_map_counted(p_status text, p_updated_at text) RETURNS boolean
LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
BEGIN
  RETURN p_status IN ('new', 'verifying', 'confirmed', 'forwarded')
    OR coalesce(p_updated_at COLLATE "C" >= (SELECT c.cut FROM map_cuts c WHERE c.status = p_status), false);
END
$$;

-- The periods a report created at `created_at` counts in: 'A', its year, month and day (020)
-- and the suffix buckets of 021 (found by the same two ranges of map_suffixes' key).
CREATE FUNCTION kmzb_map_periods(created_at text) RETURNS SETOF text
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT 'A' UNION ALL SELECT 'Y' || substr(created_at, 1, 4) UNION ALL SELECT 'M' || substr(created_at, 1, 7)
  UNION ALL SELECT 'D' || substr(created_at, 1, 10)
  UNION ALL SELECT s.period FROM map_suffixes s
    WHERE (s.period >= 'S' AND s.period <= ('S' || substr(created_at, 1, 4)) COLLATE "C")
      OR (s.period >= ('T' || substr(created_at, 1, 4)) COLLATE "C" AND s.period <= ('T' || substr(created_at, 1, 7)) COLLATE "C")
$$;

-- A report's contribution moved from `o` (taken out) to `nw` (put in); either may be NULL
-- (an insert, a delete). Migration 020's and 021's insert, delete and update triggers.
CREATE FUNCTION kmzb_map_cells_apply(o reports, nw reports) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO map_cells AS m (period, status, category, gx, gy, unit_id, n, sum_lon, sum_lat, updated_max)
    SELECT p.period, r.status, r.category, r.gx, r.gy, r.unit_id, sum(r.n), sum(r.n * r.micro_lon), sum(r.n * r.micro_lat), max(r.updated_at)
    FROM (
      SELECT (o).created_at, (o).status, (o).category, (o).grid_x, (o).grid_y, (o).unit_id,
          kmzb_micro((o).lon), kmzb_micro((o).lat), (o).updated_at, -1
        WHERE (o).seq IS NOT NULL AND kmzb_map_counted((o).status, (o).updated_at)
      UNION ALL SELECT (nw).created_at, (nw).status, (nw).category, (nw).grid_x, (nw).grid_y, (nw).unit_id,
          kmzb_micro((nw).lon), kmzb_micro((nw).lat), (nw).updated_at, 1
        WHERE (nw).seq IS NOT NULL AND kmzb_map_counted((nw).status, (nw).updated_at)
    ) r (created_at, status, category, gx, gy, unit_id, micro_lon, micro_lat, updated_at, n)
      CROSS JOIN LATERAL kmzb_map_periods(r.created_at) p (period)
    GROUP BY 1, 2, 3, 4, 5, 6
    ORDER BY 1, 2, 3, 4, 5, 6
  ON CONFLICT (period, status, category, gx, gy, unit_id) DO UPDATE SET n = m.n + excluded.n,
    sum_lon = m.sum_lon + excluded.sum_lon, sum_lat = m.sum_lat + excluded.sum_lat,
    updated_max = greatest(m.updated_max, excluded.updated_max);
END
$$;

CREATE FUNCTION kmzb_map_cells_report() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM kmzb_map_cells_apply(NULL, NEW);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM kmzb_map_cells_apply(OLD, NULL);
  ELSE
    PERFORM kmzb_map_cells_apply(OLD, NEW);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER map_cells_insert AFTER INSERT ON reports FOR EACH ROW EXECUTE FUNCTION kmzb_map_cells_report();

CREATE TRIGGER map_cells_delete AFTER DELETE ON reports FOR EACH ROW EXECUTE FUNCTION kmzb_map_cells_report();

CREATE TRIGGER map_cells_update AFTER UPDATE OF status, category, unit_id, lon, lat, created_at, updated_at ON reports FOR EACH ROW
WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.category IS DISTINCT FROM NEW.category OR OLD.unit_id IS DISTINCT FROM NEW.unit_id
  OR OLD.lon IS DISTINCT FROM NEW.lon OR OLD.lat IS DISTINCT FROM NEW.lat OR OLD.created_at IS DISTINCT FROM NEW.created_at
  OR OLD.updated_at IS DISTINCT FROM NEW.updated_at)
EXECUTE FUNCTION kmzb_map_cells_report();

-- map_versions: every unit above (and including) a changed report's unit gets a new version.
-- A report moved between units bumps both chains, the common ancestors twice, as SQLite's
-- single upsert over `unit_id IN (old, new)` does (two statements here: one row may not be
-- upserted twice in one).
CREATE FUNCTION kmzb_map_versions_bump(p_unit text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO map_versions AS v (unit_id, version)
    SELECT a.ancestor_id, 1 FROM unit_ancestors a WHERE a.unit_id = p_unit ORDER BY 1
  ON CONFLICT (unit_id) DO UPDATE SET version = v.version + 1;
END
$$;

CREATE FUNCTION kmzb_map_versions_report() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM kmzb_map_versions_bump(NEW.unit_id);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM kmzb_map_versions_bump(OLD.unit_id);
  ELSE
    PERFORM kmzb_map_versions_bump(OLD.unit_id);
    IF NEW.unit_id IS DISTINCT FROM OLD.unit_id THEN
      PERFORM kmzb_map_versions_bump(NEW.unit_id);
    END IF;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER map_versions_insert AFTER INSERT ON reports FOR EACH ROW EXECUTE FUNCTION kmzb_map_versions_report();

CREATE TRIGGER map_versions_delete AFTER DELETE ON reports FOR EACH ROW EXECUTE FUNCTION kmzb_map_versions_report();

CREATE TRIGGER map_versions_update AFTER UPDATE OF id, status, category, unit_id, lon, lat, created_at, updated_at, confirmations ON reports FOR EACH ROW
WHEN (OLD.id IS DISTINCT FROM NEW.id OR OLD.status IS DISTINCT FROM NEW.status OR OLD.category IS DISTINCT FROM NEW.category
  OR OLD.unit_id IS DISTINCT FROM NEW.unit_id OR OLD.lon IS DISTINCT FROM NEW.lon OR OLD.lat IS DISTINCT FROM NEW.lat
  OR OLD.created_at IS DISTINCT FROM NEW.created_at OR OLD.updated_at IS DISTINCT FROM NEW.updated_at
  OR OLD.confirmations IS DISTINCT FROM NEW.confirmations)
EXECUTE FUNCTION kmzb_map_versions_report();

-- 023: map_national follows every change of map_cells (the report triggers above, the sweep,
-- a backfill) in the same statement. Statement-level, with the changed rows as transition
-- tables: an upsert into map_cells fires the INSERT trigger for the rows it inserted and the
-- UPDATE trigger for those it updated. Rows of one national key from several units are summed.
CREATE FUNCTION kmzb_map_national_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO map_national AS m (period, status, category, gx, gy, n, sum_lon, sum_lat, updated_max)
    SELECT c.period, c.status, c.category, c.gx, c.gy, sum(c.n), sum(c.sum_lon), sum(c.sum_lat), max(c.updated_max)
    FROM map_cells_inserted c
    GROUP BY 1, 2, 3, 4, 5
    ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (period, status, category, gx, gy) DO UPDATE SET n = m.n + excluded.n,
    sum_lon = m.sum_lon + excluded.sum_lon, sum_lat = m.sum_lat + excluded.sum_lat,
    updated_max = greatest(m.updated_max, excluded.updated_max);
  RETURN NULL;
END
$$;

-- The rows' change: old taken out, new put in, summed per key (exact whether or not keys move).
CREATE FUNCTION kmzb_map_national_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO map_national AS m (period, status, category, gx, gy, n, sum_lon, sum_lat, updated_max)
    SELECT c.period, c.status, c.category, c.gx, c.gy, sum(c.n), sum(c.sum_lon), sum(c.sum_lat), max(c.updated_max)
    FROM (
      SELECT o.period, o.status, o.category, o.gx, o.gy, -o.n AS n, -o.sum_lon AS sum_lon, -o.sum_lat AS sum_lat, o.updated_max
        FROM map_cells_old o
      UNION ALL SELECT nw.period, nw.status, nw.category, nw.gx, nw.gy, nw.n, nw.sum_lon, nw.sum_lat, nw.updated_max
        FROM map_cells_new nw
    ) c
    GROUP BY 1, 2, 3, 4, 5
    ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (period, status, category, gx, gy) DO UPDATE SET n = m.n + excluded.n,
    sum_lon = m.sum_lon + excluded.sum_lon, sum_lat = m.sum_lat + excluded.sum_lat,
    updated_max = greatest(m.updated_max, excluded.updated_max);
  RETURN NULL;
END
$$;

CREATE FUNCTION kmzb_map_national_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO map_national AS m (period, status, category, gx, gy, n, sum_lon, sum_lat, updated_max)
    SELECT c.period, c.status, c.category, c.gx, c.gy, -sum(c.n), -sum(c.sum_lon), -sum(c.sum_lat), max(c.updated_max)
    FROM map_cells_deleted c
    GROUP BY 1, 2, 3, 4, 5
    ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (period, status, category, gx, gy) DO UPDATE SET n = m.n + excluded.n,
    sum_lon = m.sum_lon + excluded.sum_lon, sum_lat = m.sum_lat + excluded.sum_lat,
    updated_max = greatest(m.updated_max, excluded.updated_max);
  RETURN NULL;
END
$$;

CREATE TRIGGER map_national_insert AFTER INSERT ON map_cells REFERENCING NEW TABLE AS map_cells_inserted
FOR EACH STATEMENT EXECUTE FUNCTION kmzb_map_national_insert();

CREATE TRIGGER map_national_update AFTER UPDATE ON map_cells REFERENCING OLD TABLE AS map_cells_old NEW TABLE AS map_cells_new
FOR EACH STATEMENT EXECUTE FUNCTION kmzb_map_national_update();

CREATE TRIGGER map_national_delete AFTER DELETE ON map_cells REFERENCING OLD TABLE AS map_cells_deleted
FOR EACH STATEMENT EXECUTE FUNCTION kmzb_map_national_delete();

-- Backfills ------------------------------------------------------------------------------------------

-- Migration 015's (unit_ancestors): the closure of parent_id, rebuilt.
CREATE FUNCTION kmzb_backfill_unit_ancestors() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  total bigint;
BEGIN
  DELETE FROM unit_ancestors;
  WITH RECURSIVE up (unit_id, ancestor_id) AS (
    SELECT id, id FROM units
    UNION ALL SELECT up.unit_id, u.parent_id FROM up JOIN units u ON u.id = up.ancestor_id WHERE u.parent_id IS NOT NULL
  ) INSERT INTO unit_ancestors (unit_id, ancestor_id) SELECT unit_id, ancestor_id FROM up;
  GET DIAGNOSTICS total = ROW_COUNT;
  RETURN total;
END
$$;

-- Migration 015's backfill: the reports' verification and final times from their history
-- (unless from_history is false: a bulk load that wrote them itself, as bench/stats.ts does),
-- then stats_counts from the reports, days first and months from the days. Returns the
-- number of aggregate rows. Rows whose count fell to 0 are not recreated.
CREATE FUNCTION kmzb_backfill_stats(from_history boolean DEFAULT true) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  total bigint;
BEGIN
  IF from_history THEN
    -- Only the rows whose times change (their triggers' work is undone below anyway).
    UPDATE reports r SET first_verified_at = t.first_verified_at, closed_at = t.closed_at
    FROM (
      SELECT x.seq,
        (SELECT min(h.at) FROM report_history h WHERE h.report_id = x.id AND h.status NOT IN ('new', 'hidden')) AS first_verified_at,
        (SELECT min(h.at) FROM report_history h
          WHERE h.report_id = x.id AND h.status IN ('eliminated', 'forwarded', 'not_confirmed', 'prank')) AS closed_at
      FROM reports x
    ) t
    WHERE r.seq = t.seq
      AND (r.first_verified_at IS DISTINCT FROM t.first_verified_at OR r.closed_at IS DISTINCT FROM t.closed_at);
  END IF;
  DELETE FROM stats_counts;
  INSERT INTO stats_counts (unit_id, period, dim, key, n)
    SELECT a.ancestor_id, s.period, s.dim, s.key, sum(s.n)
    FROM (SELECT k.unit_id, 'D' || substr(k.created_at, 1, 10) AS period, k.dim, k.key, count(*) AS n
          FROM report_stat_keys k GROUP BY 1, 2, 3, 4) s
      JOIN unit_ancestors a ON a.unit_id = s.unit_id
    GROUP BY 1, 2, 3, 4;
  INSERT INTO stats_counts (unit_id, period, dim, key, n)
    SELECT unit_id, 'M' || substr(period, 2, 7), dim, key, sum(n)
    FROM stats_counts WHERE period LIKE 'D%' GROUP BY 1, 2, 3, 4;
  SELECT count(*) INTO total FROM stats_counts;
  RETURN total;
END
$$;

-- The windowed statuses' cuts as migration 020 sets them: now minus the window.
CREATE FUNCTION kmzb_reset_map_cuts() RETURNS void LANGUAGE sql AS $$
  DELETE FROM map_cuts;
  INSERT INTO map_cuts (status, window_days, cut) VALUES
    ('eliminated', 30, kmzb_iso(now() - interval '30 days')),
    ('not_confirmed', 7, kmzb_iso(now() - interval '7 days'));
$$;

-- Migration 023's backfill: map_national from map_cells alone.
CREATE FUNCTION kmzb_backfill_map_national() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  total bigint;
BEGIN
  DELETE FROM map_national;
  INSERT INTO map_national (period, status, category, gx, gy, n, sum_lon, sum_lat, updated_max)
    SELECT period, status, category, gx, gy, sum(n), sum(sum_lon), sum(sum_lat), max(updated_max)
    FROM map_cells GROUP BY 1, 2, 3, 4, 5;
  GET DIAGNOSTICS total = ROW_COUNT;
  RETURN total;
END
$$;

-- Migrations 020's, 021's and 023's backfills together: map_cells (and, by its triggers,
-- map_national) rebuilt from the reports, with the cuts reset to now (020 does) or, with
-- reset_cuts false, at the cuts as they are. Returns the number of map_cells rows. TRUNCATE
-- (which fires no triggers) instead of DELETE: map_national is rebuilt by the inserts'
-- statement triggers, from the same rows 023's backfill would group. It locks both tables
-- until the transaction ends, as a backfill in SQLite holds the database's write lock.
CREATE FUNCTION kmzb_backfill_map(reset_cuts boolean) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  total bigint;
BEGIN
  IF reset_cuts THEN
    PERFORM kmzb_reset_map_cuts();
  END IF;
  TRUNCATE map_cells, map_national;
  DROP TABLE IF EXISTS pg_temp.kmzb_map_cells_days;
  CREATE TEMP TABLE kmzb_map_cells_days ON COMMIT DROP AS
    SELECT 'D' || substr(r.created_at, 1, 10) AS period, r.status, r.category, r.grid_x AS gx, r.grid_y AS gy, r.unit_id,
      count(*) AS n, sum(kmzb_micro(r.lon)) AS sum_lon, sum(kmzb_micro(r.lat)) AS sum_lat, max(r.updated_at) AS updated_max
    FROM reports r LEFT JOIN map_cuts c ON c.status = r.status
    WHERE r.status IN ('new', 'verifying', 'confirmed', 'forwarded') OR r.updated_at >= c.cut
    GROUP BY 1, 2, 3, 4, 5, 6;
  INSERT INTO map_cells (period, status, category, gx, gy, unit_id, n, sum_lon, sum_lat, updated_max)
    SELECT 'A', status, category, gx, gy, unit_id, sum(n), sum(sum_lon), sum(sum_lat), max(updated_max)
    FROM kmzb_map_cells_days GROUP BY 2, 3, 4, 5, 6;
  INSERT INTO map_cells (period, status, category, gx, gy, unit_id, n, sum_lon, sum_lat, updated_max)
    SELECT period, status, category, gx, gy, unit_id, n, sum_lon, sum_lat, updated_max FROM kmzb_map_cells_days;
  INSERT INTO map_cells (period, status, category, gx, gy, unit_id, n, sum_lon, sum_lat, updated_max)
    SELECT 'M' || substr(period, 2, 7), status, category, gx, gy, unit_id, sum(n), sum(sum_lon), sum(sum_lat), max(updated_max)
    FROM kmzb_map_cells_days GROUP BY 1, 2, 3, 4, 5, 6;
  INSERT INTO map_cells (period, status, category, gx, gy, unit_id, n, sum_lon, sum_lat, updated_max)
    SELECT 'Y' || substr(period, 2, 4), status, category, gx, gy, unit_id, sum(n), sum(sum_lon), sum(sum_lat), max(updated_max)
    FROM kmzb_map_cells_days GROUP BY 1, 2, 3, 4, 5, 6;
  DROP TABLE kmzb_map_cells_days;
  -- 021: the suffix buckets from the year and month rows, cumulated.
  INSERT INTO map_cells (period, status, category, gx, gy, unit_id, n, sum_lon, sum_lat, updated_max)
    SELECT s.period, c.status, c.category, c.gx, c.gy, c.unit_id, sum(c.n), sum(c.sum_lon), sum(c.sum_lat), max(c.updated_max)
    FROM map_suffixes s JOIN map_cells c
      ON c.period >= (CASE WHEN s.year IS NULL THEN 'Y' || substr(s.since, 1, 4) ELSE 'M' || s.since END)
      AND c.period < (CASE WHEN s.year IS NULL THEN 'Z' ELSE 'M' || s.year || '-99' END)
    GROUP BY 1, 2, 3, 4, 5, 6;
  SELECT count(*) INTO total FROM map_cells;
  RETURN total;
END
$$;

-- 020's cuts as of the migration (its backfill runs on no reports here).
SELECT kmzb_reset_map_cuts();
