/**
 * Staff accounts from the command line (the only way to create the first admin):
 *
 *   npm run staff -- add --login jan --name "Jan Kowalski" --role admin --unit kwp-olsztyn
 *   npm run staff -- reset-password --login jan
 *   npm run staff -- disable --login jan
 *   npm run staff -- set-email --login jan --email jan@policja.example.pl   (--email "" clears it)
 *   npm run staff -- list
 *
 * The password comes from KMZB_STAFF_PASSWORD, else from stdin when it is not a terminal,
 * else from a prompt that does not echo. Never from an argument: those land in shell history
 * and in `ps`. The store is KMZB_DATABASE_URL's PostgreSQL database, else the SQLite file of
 * KMZB_DB (see config.ts).
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { isEmailAddress } from '../common/email.js';
import { STAFF_PASSWORD_MIN_LENGTH, STAFF_ROLES, type StaffRole } from '../common/staff.js';
import { ConfigError, loadConfig } from './config.js';
import { openStore, StoreOpenError } from './open-store.js';
import { newStaffId } from './staff/accounts.js';
import { hashPassword, usePasswordCost } from './staff/passwords.js';

class UsageError extends Error {}

const USAGE = `Usage:
  npm run staff -- add --login <login> --name "<display name>" --role officer|admin --unit <unit id> [--email <address>]
  npm run staff -- reset-password --login <login>
  npm run staff -- disable --login <login>
  npm run staff -- set-email --login <login> --email <address>   (--email "" removes the address)
  npm run staff -- list`;

async function main(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv, allowPositionals: true,
    options: { login: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, unit: { type: 'string' }, email: { type: 'string' } },
  });
  const command = positionals[0];
  if (!command || !['add', 'reset-password', 'disable', 'set-email', 'list'].includes(command)) throw new UsageError(USAGE);
  const config = loadConfig();
  usePasswordCost(config.passwordCostLog2);
  const opened = await openStore(config);
  const { store } = opened;
  try {
    const staff = store.staff;
    const now = new Date().toISOString();
    if (command === 'list') {
      for (const s of await staff.listAll()) console.log([s.login, s.role, s.unitId, s.disabledAt ? 'disabled' : 'active', s.displayName, s.email ?? ''].join('\t'));
      return;
    }
    const login = required(values.login, '--login');
    if (command === 'add') {
      const name = required(values.name, '--name');
      const role = required(values.role, '--role') as StaffRole;
      if (!STAFF_ROLES.includes(role)) throw new UsageError(`--role must be one of ${STAFF_ROLES.join(', ')}.`);
      const unit = required(values.unit, '--unit');
      if (!(await store.units.all()).some((u) => u.id === unit)) throw new UsageError(`There is no unit "${unit}".`);
      if (!/^[A-Za-z0-9._-]{2,64}$/.test(login)) throw new UsageError('--login must be 2-64 characters of letters, digits, . _ -.');
      if (await staff.findByLogin(login)) throw new UsageError(`The login "${login}" is taken.`);
      const email = emailOf(values.email);
      const passwordHash = await hashPassword(await readPassword());
      const id = newStaffId();
      await store.unit(async (tx) => {
        await tx.staff.insert({ id, login, displayName: name, role, unitId: unit, passwordHash, createdAt: now, email });
        await tx.audit.append({ at: now, staffId: null, action: 'staff.create', targetType: 'staff', targetId: id, unitId: unit, after: { login, role, unit, email, via: 'cli' } });
      });
      console.log(`Added ${role} "${login}" for ${unit}.`);
      return;
    }
    const account = await staff.findByLogin(login);
    if (!account) throw new UsageError(`No account has the login "${login}".`);
    if (command === 'set-email') {
      // Required, but may be empty: `--email ""` is how the address is removed.
      if (values.email === undefined) throw new UsageError(`--email is required (--email "" removes the address).\n${USAGE}`);
      const email = emailOf(values.email);
      await store.unit(async (tx) => {
        await tx.staff.updateEmail(account.id, email);
        await tx.audit.append({ at: now, staffId: null, action: 'staff.update', targetType: 'staff', targetId: account.id, unitId: account.unitId, before: { email: account.email }, after: { email, via: 'cli' } });
      });
      console.log(email ? `E-mail of "${account.login}" set to ${email}.` : `E-mail of "${account.login}" removed.`);
      return;
    }
    if (command === 'reset-password') {
      const passwordHash = await hashPassword(await readPassword());
      await store.unit(async (tx) => {
        await tx.staff.update(account.id, { passwordHash });
        await tx.staffSessions.revokeAllOf(account.id);
        await tx.audit.append({ at: now, staffId: null, action: 'staff.update', targetType: 'staff', targetId: account.id, unitId: account.unitId, after: { passwordChanged: true, via: 'cli' } });
      });
      console.log(`New password set for "${account.login}"; its sessions have ended.`);
    } else {
      await store.unit(async (tx) => {
        await tx.staff.update(account.id, { disabledAt: account.disabledAt ?? now });
        await tx.staffSessions.revokeAllOf(account.id);
        await tx.audit.append({ at: now, staffId: null, action: 'staff.update', targetType: 'staff', targetId: account.id, unitId: account.unitId, after: { disabled: true, via: 'cli' } });
      });
      console.log(`Disabled "${account.login}".`);
    }
  } finally {
    await opened.close();
  }
}

function required(value: string | undefined, flag: string): string {
  if (!value?.trim()) throw new UsageError(`${flag} is required.\n${USAGE}`);
  return value.trim();
}

/** An --email value: null when absent or blank, else a checked address. */
function emailOf(value: string | undefined): string | null {
  const email = value?.trim() || null;
  if (email !== null && !isEmailAddress(email)) throw new UsageError(`--email "${email}" is not an e-mail address.`);
  return email;
}

async function readPassword(): Promise<string> {
  const fromEnv = process.env.KMZB_STAFF_PASSWORD;
  const password = fromEnv !== undefined ? fromEnv : process.stdin.isTTY ? await prompt() : await readStdin();
  if ([...password].length < STAFF_PASSWORD_MIN_LENGTH) {
    throw new UsageError(`The password must have at least ${STAFF_PASSWORD_MIN_LENGTH} characters.`);
  }
  return password;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

/** Asks on the terminal without echoing what is typed. */
function prompt(): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    process.stdout.write('Password (not shown): ');
    // readline echoes through _writeToOutput; swallowing it hides the typed characters.
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => {};
    rl.question('', (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    });
  });
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError || error instanceof ConfigError || error instanceof StoreOpenError) {
    console.error(error.message);
  } else {
    console.error(error);
  }
  process.exitCode = 1;
});
