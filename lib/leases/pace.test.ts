import { describe, expect, it } from 'vitest';
import { claimFor, claimSize } from './pace';

// Sizing a worker's claims for one integration by its limiter (the bulk worker and the expiry worker share it).
const client = (ready: number, concurrency = 8) => ({ concurrency, readyIn: () => ready });

describe('claimSize', () => {
  it('fills an idle integration to twice its concurrency while the bucket is not paced', () => {
    expect(claimSize(client(Infinity), 'groups', 0)).toBe(16);
  });

  it('takes on what the bucket can send soon, beyond those in flight', () => {
    expect(claimSize(client(5), 'groups', 6)).toBe(5);
    expect(claimSize(client(100), 'groups', 6)).toBe(10);
  });

  it('always keeps the concurrency full, so a new window is spent from its first moment', () => {
    expect(claimSize(client(0), 'groups', 0)).toBe(8);
    expect(claimSize(client(0), 'groups', 4)).toBe(4);
  });

  it('refills in batches of half the concurrency or more, not a row per finished row', () => {
    expect(claimSize(client(Infinity), 'groups', 13)).toBe(0);
    expect(claimSize(client(Infinity), 'groups', 12)).toBe(4);
    expect(claimSize(client(0), 'groups', 8)).toBe(0);
  });

  it('asks the limiter about the bucket it is given', () => {
    const asked: string[] = [];
    claimSize({ concurrency: 8, readyIn: (bucket) => (asked.push(bucket), 0) }, 'apps', 0);
    expect(asked).toEqual(['apps']);
  });
});

describe('claimFor', () => {
  it('claims one row at a time for an integration that cannot be opened', () => {
    expect(claimFor(new Error('gone'), 'groups', 0)).toBe(1);
    expect(claimFor(new Error('gone'), 'groups', 1)).toBe(0);
  });
});
