import { startSimulator } from '@/sim/okta';
import net from 'node:net';
import type { SimSeed } from './sim-process';

// The simulator in its own process, so its CPU work doesn't share an event loop with the client under test.
// argv[2]: SimSeed (see sim-process.ts). Prints one JSON line, then serves until stdin closes.
const cfg = JSON.parse(process.argv[2] ?? '{}') as SimSeed;
// The org's clock, set back while a System Log history is written (its events then span the last 89 days).
let clockShiftMs = 0;
const sim = await startSimulator({
  seed: { users: cfg.users, groups: cfg.groups, apps: cfg.apps, seed: 7 },
  clock: () => Date.now() + clockShiftMs,
});
const active = sim.control.listIds('users').filter((id) => sim.control.getUserStatus(id) === 'ACTIVE');
let bigGroupId: string | undefined;
if (cfg.bigGroupMembers) {
  bigGroupId = sim.control.createGroup({ name: 'Bench big group', description: 'Everyone in engineering' }).id;
  for (const id of active.slice(0, cfg.bigGroupMembers)) sim.control.addMember(bigGroupId, id);
  for (const appId of sim.control.listIds('apps').slice(0, cfg.bigGroupApps ?? 0))
    sim.control.assignAppToGroup(appId, bigGroupId);
}

let historyGroupId: string | undefined;
if (cfg.history) historyGroupId = seedHistory(cfg.history.events, cfg.history.noise);

/**
 * `events` Admin Console membership changes of a fresh group and `noise` of five other fresh groups, interleaved
 * evenly, each user added then removed in turn, published from 89 days ago to a few minutes ago.
 */
function seedHistory(events: number, noise: number): string {
  const groupId = sim.control.createGroup({ name: 'Bench history group', description: 'Fifty thousand changes' }).id;
  const others = Array.from({ length: 5 }, (_, i) => sim.control.createGroup({ name: `Bench noise ${i + 1}` }).id);
  const users = active.slice(0, 500);
  const members = new Map<string, Set<string>>();
  const toggle = (group: string, user: string) => {
    const inGroup = members.get(group) ?? new Set<string>();
    members.set(group, inGroup);
    if (inGroup.delete(user)) sim.control.removeMember(group, user);
    else {
      inGroup.add(user);
      sim.control.addMember(group, user);
    }
  };
  const total = events + noise;
  const span = 89 * 86_400_000;
  const start = Date.now();
  let written = 0;
  for (let i = 0; i < total; i++) {
    clockShiftMs = -span + Math.floor((i / total) * (span - 300_000)) - (Date.now() - start);
    // The history group's share of the first i events stays at events ÷ total.
    const mine = Math.floor(((i + 1) * events) / total) > written;
    if (mine) written++;
    toggle(mine ? groupId : others[i % others.length]!, users[i % users.length]!);
  }
  clockShiftMs = 0;
  return groupId;
}

// More "Okta domains" for the same org: raw TCP forwarders on other loopback addresses (127.0.0.2, …). The
// simulator takes its origin from the Host header, so tokens and links stay right for each domain.
const { port } = new URL(sim.origin);
const aliasServers: net.Server[] = [];
const aliasOrigins: string[] = [];
for (let i = 0; i < (cfg.aliases ?? 0); i++) {
  const server = net.createServer((socket) => {
    const upstream = net.connect(Number(port), '127.0.0.1');
    socket.pipe(upstream).pipe(socket);
    socket.on('error', () => upstream.destroy());
    upstream.on('error', () => socket.destroy());
  });
  const host = `127.0.0.${i + 2}`;
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  aliasServers.push(server);
  aliasOrigins.push(`http://${host}:${(server.address() as net.AddressInfo).port}`);
}

process.stdout.write(
  `${JSON.stringify({ origin: sim.origin, userIds: active, bigGroupId, historyGroupId, aliasOrigins })}\n`,
);
process.stdin.resume();
process.stdin.on('end', () => {
  for (const s of aliasServers) s.close();
  void sim.close().then(() => process.exit(0));
});
