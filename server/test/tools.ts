import { spawnSync } from 'node:child_process';

/** The path of a program on PATH (or in /usr/sbin, where Debian puts nginx), or undefined. */
export function findProgram(name: string): string | undefined {
  for (const dir of [...(process.env.PATH ?? '').split(':'), '/usr/sbin', '/usr/bin']) {
    if (!dir) continue;
    const found = spawnSync('test', ['-x', `${dir}/${name}`]).status === 0;
    if (found) return `${dir}/${name}`;
  }
  return undefined;
}

/** Why a test that needs a real program is skipped here (printed, so CI logs say it). */
export function missingProgram(name: string, install: string): string {
  const reason = `${name} is not installed (${install}); .ci/run installs it`;
  console.log(`skipped: ${reason}`);
  return reason;
}
