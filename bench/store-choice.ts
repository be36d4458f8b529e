import { localPgUnavailableReason } from '../server/test/pg-cluster.js';

export type StoreKind = 'sqlite' | 'postgres';

/**
 * A bench's `--store sqlite|postgres|both` (default sqlite): the stores to run in turn and, for
 * the server child (`--serve`), the one it runs on. Throws for another value, or when PostgreSQL
 * is asked for and not installed (with the reason).
 */
export function storeChoice(value: string | undefined, serving: boolean): { stores: StoreKind[]; serveOn: StoreKind } {
  const choice = value ?? 'sqlite';
  if (choice !== 'sqlite' && choice !== 'postgres' && choice !== 'both') throw new Error(`--store is sqlite, postgres or both, not ${choice}`);
  const stores: StoreKind[] = choice === 'both' ? ['sqlite', 'postgres'] : [choice];
  const unavailable = !serving && stores.includes('postgres') ? localPgUnavailableReason() : undefined;
  if (unavailable) throw new Error(`--store ${choice}: ${unavailable}`);
  return { stores, serveOn: choice === 'postgres' ? 'postgres' : 'sqlite' };
}
