/**
 * Server secrets kept in the store (the daily rule's key, the login throttle's key), so that
 * hashes made with them survive restarts and agree between instances on one database.
 */
export interface SecretsStore {
  /**
   * The secret stored under `name`, created with `make` on first use. Insert-if-absent then
   * read, so instances starting at once agree on one value (whoever inserted first).
   */
  stored(name: string, make: () => Buffer): Promise<Buffer>;
}
