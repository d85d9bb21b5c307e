// `npm test`: typecheck, lint, unit and integration tests (SQLite, and Postgres when TEST_DATABASE_URL is
// set), production build, then the Playwright suite and the standalone smoke test (Postgres). Ends with one line `N passed, N failed` summing all.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
const totals = { passed: 0, failed: 0 };
const summary = [];

function run(label, cmd, args) {
  const started = Date.now();
  console.log(`\n=== ${label}: ${cmd} ${args.join(' ')}`);
  const res = spawnSync(cmd, args, { stdio: 'inherit', env });
  const ok = res.status === 0;
  summary.push(`${ok ? 'ok  ' : 'FAIL'} ${label} (${Math.round((Date.now() - started) / 1000)} s)`);
  return ok;
}

/** A step that is one check (typecheck, lint, build) counts as one test. */
function check(label, cmd, args) {
  const ok = run(label, cmd, args);
  totals[ok ? 'passed' : 'failed'] += 1;
  return ok;
}

/** Adds a runner's own counts from its JSON report; a crash with no report counts as one failure. */
function suite(label, cmd, args, report, count) {
  fs.rmSync(report, { force: true });
  const ok = run(label, cmd, args);
  let counts;
  try {
    counts = count(JSON.parse(fs.readFileSync(report, 'utf8')));
  } catch {
    counts = { passed: 0, failed: 1 };
  }
  if (!ok && counts.failed === 0) counts.failed = 1;
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  summary.push(`     ${label}: ${counts.passed} passed, ${counts.failed} failed`);
}

const bin = (name) => `node_modules/.bin/${name}`;
fs.mkdirSync('test-results', { recursive: true });

check('typecheck', bin('tsc'), ['--noEmit', '-p', '.']);
check('lint', bin('eslint'), ['.', '--max-warnings=0']);
check('format (prettier --check)', bin('prettier'), ['--check', '.', '--log-level=warn']);
check('no unused files, exports or dependencies (knip)', bin('knip'), ['--no-progress']);
suite(
  'unit + integration (vitest)',
  bin('vitest'),
  ['run', '--reporter=default', '--reporter=json', '--outputFile=test-results/vitest.json'],
  'test-results/vitest.json',
  (r) => ({
    passed: r.numPassedTests,
    failed: r.numFailedTests + (r.numTotalTestSuites > 0 && r.success === false && r.numFailedTests === 0 ? 1 : 0),
  }),
);
const built = check('production build', bin('next'), ['build']);
check('server-only guard (a client component importing lib/okta fails the build)', process.execPath, [
  'scripts/check-server-only.mjs',
]);
if (built) {
  suite('e2e (playwright)', bin('playwright'), ['test'], 'test-results/e2e-report.json', (r) => ({
    passed: r.stats.expected,
    failed: r.stats.unexpected + r.stats.flaky,
  }));
} else {
  totals.failed += 1;
  summary.push('FAIL e2e skipped: the build failed');
}
// The README's production recipe on the build just made: standalone output in a clean folder, two instances on
// Postgres (scripts/standalone-smoke.mjs).
if (built && process.env.TEST_DATABASE_URL)
  check('standalone build from a clean folder, two instances on Postgres (smoke)', process.execPath, [
    'scripts/standalone-smoke.mjs',
  ]);
else summary.push(`     standalone smoke skipped: ${built ? 'no TEST_DATABASE_URL' : 'the build failed'}`);

// Benchmarks measure and never fail on numbers; tiny sizes here only keep them working.
check('benchmarks still run (npm run bench -- --tiny)', 'npm', ['run', 'bench', '--', '--tiny']);

console.log(`\n=== summary\n${summary.join('\n')}\n`);
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed > 0 ? 1 : 0);
