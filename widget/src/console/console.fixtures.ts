/**
 * Staff accounts the console's browser tests log in with (not part of the console):
 * web-test-runner.config.mjs creates them in the temporary test database through the server's
 * own repository and password hashing. Test-only passwords: no account like these exists elsewhere.
 */
export interface FixtureStaff {
  login: string;
  displayName: string;
  role: 'officer' | 'admin';
  unit: string;
  password: string;
}

/** Works the queue of kpp-zakopane, where the map fixture's reports are (read only here). */
export const OFFICER: FixtureStaff = {
  login: 'wtr-officer', displayName: 'Anna Testowa', role: 'officer', unit: 'kpp-zakopane', password: 'officer-test-password-1',
};

/** Admin of the Kraków voivodeship HQ: moves the console's own reports and configures units. */
export const ADMIN: FixtureStaff = {
  login: 'wtr-admin', displayName: 'Jan Testowy', role: 'admin', unit: 'kwp-krakow', password: 'admin-test-password-1',
};

export const FIXTURE_STAFF: readonly FixtureStaff[] = [OFFICER, ADMIN];

/**
 * A point in powiat myślenicki (kpp-myslenice): the console's own reports go there, away from
 * kpp-zakopane, whose reports the map tests count.
 */
export const CONSOLE_POINT = { lon: 19.94, lat: 49.835 } as const;

/** The unit the configurator test edits: no other test reads its config. */
export const CONFIG_UNIT = 'kpp-myslenice';
