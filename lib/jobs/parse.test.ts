import { describe, expect, it } from 'vitest';
import { parseEntries, type ParseResult } from './parse';
import { MAX_ENTRIES } from './types';

const ok = (r: ParseResult) => {
  if (!r.ok) throw new Error(r.error);
  return r;
};
const inputs = (r: ParseResult) => ok(r).entries.map((e) => e.input);

describe('parseEntries', () => {
  it('one per line: trims, drops blanks, keeps order and line numbers, handles CRLF and a BOM', () => {
    const r = ok(parseEntries('\uFEFF  ada@example.com \r\n\r\n   bob@example.com\r\n   \r\n00u1ero7vZFVEIYLWPBN\r\n'));
    expect(r.entries).toEqual([
      { line: 1, input: 'ada@example.com', kind: 'login' },
      { line: 3, input: 'bob@example.com', kind: 'login' },
      { line: 5, input: '00u1ero7vZFVEIYLWPBN', kind: 'id' },
    ]);
    expect(r.unresolved).toEqual([]);
  });

  it('CSV with a header takes the named column (id first, then login, username, email)', () => {
    expect(inputs(parseEntries('First name,Email,Dept\nAda,ada@example.com,R&D\nBob,bob@example.com,Ops'))).toEqual([
      'ada@example.com',
      'bob@example.com',
    ]);
    expect(inputs(parseEntries('email;Id\nada@example.com;00u1ero7vZFVEIYLWPBN'))).toEqual(['00u1ero7vZFVEIYLWPBN']);
    expect(inputs(parseEntries('Username\tname\nada.l\tAda'))).toEqual(['ada.l']);
    expect(inputs(parseEntries('LOGIN\n"quoted,login@example.com"'))).toEqual(['quoted,login@example.com']);
  });

  it('CSV without a header takes the first column, and counts lines of the file', () => {
    const r = ok(parseEntries('ada@example.com,Ada\n\nbob@example.com,Bob'));
    expect(r.entries.map((e) => [e.line, e.input])).toEqual([
      [1, 'ada@example.com'],
      [3, 'bob@example.com'],
    ]);
  });

  it('a single line of comma-separated values is a list', () => {
    expect(inputs(parseEntries('ada@example.com, bob@example.com,carol@example.com'))).toEqual([
      'ada@example.com',
      'bob@example.com',
      'carol@example.com',
    ]);
  });

  it('reports duplicates (case-insensitive for logins, exact for ids) and invalid lines, naming the first line', () => {
    const r = ok(
      parseEntries(
        [
          'ada@example.com',
          'ADA@example.com',
          'two words',
          'x'.repeat(101),
          '00u1ero7vZFVEIYLWPBN',
          '00u1ero7vZFVEIYLWPBN',
          'bob',
        ].join('\n'),
      ),
    );
    expect(r.entries.map((e) => e.input)).toEqual(['ada@example.com', '00u1ero7vZFVEIYLWPBN', 'bob']);
    expect(r.unresolved.map((u) => [u.line, u.reason, u.message])).toEqual([
      [2, 'duplicate', 'Same as line 1.'],
      [3, 'invalid', 'Contains a space: put one user per line (or per CSV row).'],
      [4, 'invalid', "Longer than 100 characters, Okta's longest login."],
      [6, 'duplicate', 'Same as line 5.'],
    ]);
  });

  it('caps a job at MAX_ENTRIES users with a message saying what to do', () => {
    const lines = (n: number) => Array.from({ length: n }, (_, i) => `user${i}@example.com`).join('\n');
    expect(ok(parseEntries(lines(MAX_ENTRIES))).entries).toHaveLength(MAX_ENTRIES);
    const over = parseEntries(lines(MAX_ENTRIES + 1));
    expect(over).toEqual({
      ok: false,
      error: 'More than 10,000 users: one job takes at most 10,000. Split the list into several jobs.',
    });
  });

  it('refuses input without users, and unreadable CSV', () => {
    expect(parseEntries(' \n \n')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/No users found/) as unknown,
    });
    expect(parseEntries('email\n')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/header row but no values/) as unknown,
    });
    expect(parseEntries('a,"b\nc')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/could not be read as CSV/) as unknown,
    });
  });
});
