import { spawnSync } from 'node:child_process';

// lib/okta starts with `import 'server-only'`, which only resolves to its empty module under the
// react-server condition (as inside Next). tsx can't add a condition, so re-run node with it once.
if (!process.execArgv.includes('--conditions=react-server')) {
  const res = spawnSync(
    process.execPath,
    ['--conditions=react-server', ...process.execArgv, ...process.argv.slice(1)],
    { stdio: 'inherit' },
  );
  process.exit(res.status ?? 1);
}

// Imported only now: the benchmarks pull in lib/okta, which must load under the condition above.
const { main } = await import('./main');
process.exit(await main(process.argv.slice(2)));
