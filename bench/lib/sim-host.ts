import { startSimulator } from '@/sim/okta';

// The simulator in its own process, so its CPU work doesn't share an event loop with the client under test.
// argv[2]: { users, groups, apps, bigGroupMembers? }. Prints one JSON line, then serves until stdin closes.
const cfg = JSON.parse(process.argv[2] ?? '{}') as { users: number; groups: number; apps: number; bigGroupMembers?: number };
const sim = await startSimulator({ seed: { users: cfg.users, groups: cfg.groups, apps: cfg.apps, seed: 7 } });
const active = sim.control.listIds('users').filter((id) => sim.control.getUserStatus(id) === 'ACTIVE');
let bigGroupId: string | undefined;
if (cfg.bigGroupMembers) {
  bigGroupId = sim.control.createGroup({ name: 'Bench big group' }).id;
  for (const id of active.slice(0, cfg.bigGroupMembers)) sim.control.addMember(bigGroupId, id);
}
process.stdout.write(`${JSON.stringify({ origin: sim.origin, userIds: active, bigGroupId })}\n`);
process.stdin.resume();
process.stdin.on('end', () => void sim.close().then(() => process.exit(0)));
