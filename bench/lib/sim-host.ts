import { startSimulator } from '@/sim/okta';
import net from 'node:net';
import type { SimSeed } from './sim-process';

// The simulator in its own process, so its CPU work doesn't share an event loop with the client under test.
// argv[2]: SimSeed (see sim-process.ts). Prints one JSON line, then serves until stdin closes.
const cfg = JSON.parse(process.argv[2] ?? '{}') as SimSeed;
const sim = await startSimulator({ seed: { users: cfg.users, groups: cfg.groups, apps: cfg.apps, seed: 7 } });
const active = sim.control.listIds('users').filter((id) => sim.control.getUserStatus(id) === 'ACTIVE');
let bigGroupId: string | undefined;
if (cfg.bigGroupMembers) {
  bigGroupId = sim.control.createGroup({ name: 'Bench big group', description: 'Everyone in engineering' }).id;
  for (const id of active.slice(0, cfg.bigGroupMembers)) sim.control.addMember(bigGroupId, id);
  for (const appId of sim.control.listIds('apps').slice(0, cfg.bigGroupApps ?? 0))
    sim.control.assignAppToGroup(appId, bigGroupId);
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

process.stdout.write(`${JSON.stringify({ origin: sim.origin, userIds: active, bigGroupId, aliasOrigins })}\n`);
process.stdin.resume();
process.stdin.on('end', () => {
  for (const s of aliasServers) s.close();
  void sim.close().then(() => process.exit(0));
});
