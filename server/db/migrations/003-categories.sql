-- The national threat categories (DESIGN.md section 4) and the report statuses (section 5).
-- Data, not code: a later migration may rename, add or retire a category without a release.
CREATE TABLE categories (
  code       TEXT PRIMARY KEY CHECK (code GLOB '[a-z]*' AND code NOT GLOB '*[^a-z_]*'),
  -- Official order of the catalogue (alphabetical by the Polish name), used by the form.
  position   INTEGER NOT NULL UNIQUE,
  domain     TEXT NOT NULL CHECK (domain IN ('road', 'order', 'environment', 'rail', 'social', 'animals')),
  name_pl    TEXT NOT NULL,
  name_en    TEXT NOT NULL,
  name_uk    TEXT NOT NULL,
  -- always | confirmed (public only once confirmed) | never (statistics only).
  visibility TEXT NOT NULL CHECK (visibility IN ('always', 'confirmed', 'never'))
) STRICT;

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

-- Statuses exist as rows so that reports and their history reference them by foreign key.
CREATE TABLE statuses (
  id       TEXT PRIMARY KEY,
  position INTEGER NOT NULL UNIQUE,
  label_pl TEXT NOT NULL,
  -- Open reports can still be confirmed ("I see it too") and are offered as duplicates.
  open     INTEGER NOT NULL CHECK (open IN (0, 1))
) STRICT;

INSERT INTO statuses (id, position, label_pl, open) VALUES
  ('new', 1, 'Nowe', 1),
  ('verifying', 2, 'Weryfikacja', 1),
  ('confirmed', 3, 'Potwierdzone', 1),
  ('eliminated', 4, 'Potwierdzone (wyeliminowane)', 0),
  ('forwarded', 5, 'Potwierdzone (przekazane poza Policję)', 1),
  ('not_confirmed', 6, 'Niepotwierdzone', 0),
  ('prank', 7, 'Żart lub pomyłka', 0),
  ('hidden', 8, '(moderacja)', 0);
