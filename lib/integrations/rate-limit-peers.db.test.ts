import { handle } from '@/db';
import { describe, expect, it } from 'vitest';
import { budgetPeers, PEER_STALE_MS, sharePeers } from './rate-limit-peers';

// What console processes on one database tell each other about an integration's buckets.
describe('rate-limit peers', () => {
  const at = (ms: number) => new Date(1_800_000_000_000 + ms);

  it("counts the processes with demand and the others' calls in flight, per integration and bucket", async () => {
    expect(await sharePeers('int_a', 'groups', { demand: 9, inflight: 4 }, 'alpha', at(0))).toEqual({
      processes: 1,
      othersInflight: 0,
    });
    await sharePeers('int_a', 'apps', { demand: 5, inflight: 5 }, 'gamma', at(10));
    await sharePeers('int_b', 'groups', { demand: 5, inflight: 5 }, 'gamma', at(10));
    expect(await sharePeers('int_a', 'groups', { demand: 2, inflight: 1 }, 'beta', at(20))).toEqual({
      processes: 2,
      othersInflight: 4,
    });
    // alpha's calls are done and it wants no more: it no longer takes a share, but beta's call still counts.
    expect(await sharePeers('int_a', 'groups', { demand: 0, inflight: 0 }, 'alpha', at(30))).toEqual({
      processes: 2,
      othersInflight: 1,
    });
    expect(await sharePeers('int_a', 'groups', { demand: 3, inflight: 2 }, 'beta', at(40))).toEqual({
      processes: 1,
      othersInflight: 0,
    });
  });

  it('ignores a process that has said nothing for a while (it stopped or crashed)', async () => {
    await sharePeers('int_c', 'groups', { demand: 8, inflight: 8 }, 'alpha', at(0));
    expect(await sharePeers('int_c', 'groups', { demand: 1, inflight: 0 }, 'beta', at(PEER_STALE_MS - 1))).toEqual({
      processes: 2,
      othersInflight: 8,
    });
    expect(await sharePeers('int_c', 'groups', { demand: 1, inflight: 0 }, 'beta', at(PEER_STALE_MS + 1))).toEqual({
      processes: 1,
      othersInflight: 0,
    });
  });

  it('are shared on Postgres only (SQLite serves one process)', () => {
    expect(budgetPeers('int_a') !== undefined).toBe(handle.dialect === 'pg');
  });
});
