import { describe, expect, it } from 'vitest';
import { endProblem, GRANT_PRESETS, spellDuration } from './rules';

// The end of a grant as the form offers it and the server checks it (both read these rules).
const now = new Date('2026-05-01T12:00:00Z');
const limits = { minMs: 60_000, maxMs: 90 * 86_400_000 };
const at = (ms: number) => new Date(now.getTime() + ms);

describe('a grant’s end', () => {
  it('is refused in the past, under the minimum (less the time a request takes), past the maximum', () => {
    expect(endProblem(at(0), now, limits)).toBe('2026-05-01 12:00 UTC is in the past: choose an end after now.');
    expect(endProblem(at(-1), now, limits)).toMatch(/in the past/);
    expect(endProblem(at(30_000), now, limits)).toBe('A grant lasts at least 1 minute: choose a later end.');
    // A preset of exactly the minimum, clicked a moment before the request arrived, is accepted.
    expect(endProblem(at(57_000), now, limits)).toBeNull();
    expect(endProblem(at(limits.maxMs), now, limits)).toBeNull();
    expect(endProblem(at(limits.maxMs + 1_000), now, limits)).toBe(
      'A grant ends at most 90 days from now (2026-07-30 12:00 UTC): choose an earlier end, or make the change without an end.',
    );
  });

  it('offers the presets shortest first, each within the default limits', () => {
    expect(GRANT_PRESETS.map((p) => p.label)).toEqual(['1 hour', '4 hours', '1 day', '7 days', '30 days']);
    for (const p of GRANT_PRESETS) expect(endProblem(at(p.ms), now, limits), p.label).toBeNull();
  });

  it('spells a duration in its largest whole unit', () => {
    expect([5_000, 60_000, 90_000, 3_600_000, 86_400_000 * 90].map(spellDuration)).toEqual([
      '5 seconds',
      '1 minute',
      '90 seconds',
      '1 hour',
      '90 days',
    ]);
  });
});
