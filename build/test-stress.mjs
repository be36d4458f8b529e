// Runs the widget suite as a busy CI machine would: two copies at the same time, three rounds
// (`npm run test:stress`; `-- --rounds N --copies N` to change). A test that passes only on a
// quiet machine fails here. Prints each run's result and exits non-zero if any run failed.
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '3' }, copies: { type: 'string', default: '2' } } });
const rounds = Number(values.rounds);
const copies = Number(values.copies);

/** One web-test-runner run; resolves with its exit code and the summary line it printed. */
function run(label) {
  return new Promise((resolve) => {
    const child = spawn('npx', ['web-test-runner'], { env: { ...process.env, CI: 'true' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => {
      const summary = [...out.matchAll(/(\d+) passed, (\d+) failed/g)].pop()?.[0] ?? 'no summary';
      // Each failure with the first lines of its error, so a failure on a busy machine can be read.
      const failures = [...out.matchAll(/❌ (.+)\n((?:[ \t]+\S.*\n){0,4})/g)].map((m) => `${m[1]}\n${m[2].replace(/\s+$/, '')}`);
      resolve({ label, code, summary, failures, out });
    });
  });
}

let failed = 0;
for (let round = 1; round <= rounds; round++) {
  const results = await Promise.all(Array.from({ length: copies }, (_, n) => run(`round ${round}, copy ${n + 1}`)));
  for (const r of results) {
    console.log(`${r.label}: exit ${r.code}, ${r.summary}`);
    for (const f of r.failures) console.log(`  failed: ${f}`);
    if (r.code !== 0) {
      failed++;
      if (!r.failures.length) console.log(r.out.slice(-3000));
    }
  }
}
console.log(`${rounds * copies - failed} passed, ${failed} failed (runs of the widget suite, ${copies} at a time)`);
process.exit(failed ? 1 : 0);
