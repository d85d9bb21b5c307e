import { describe, expect, it } from 'vitest';
import { newId, newOrderedId } from './ids';

describe('ids', () => {
  it('random ids have the prefix and 20 letters or digits', () => {
    expect(newId('usr')).toMatch(/^usr_[A-Za-z0-9]{20}$/);
  });

  it('ordered ids sort in creation order, within one millisecond and across them, in any collation', () => {
    const t = new Date('2030-01-01T00:00:00.000Z');
    const made = [
      ...Array.from({ length: 500 }, () => newOrderedId('aud', t)),
      ...Array.from({ length: 5 }, () => newOrderedId('aud', new Date(t.getTime() + 1))),
      newOrderedId('aud', new Date(t.getTime() + 86_400_000)),
    ];
    expect(new Set(made).size).toBe(made.length);
    for (const id of made) expect(id).toMatch(/^aud_[0-9a-z]{20}$/);
    expect([...made].sort()).toEqual(made);
    expect([...made].sort((a, b) => a.localeCompare(b, 'en'))).toEqual(made);
  });
});
