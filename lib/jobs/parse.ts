import { parse } from 'csv-parse/sync';
import { MAX_ENTRIES, type UnresolvedLine } from './types';

// Pasted text or an uploaded file's text → one entry per user. One value per line is a one-column CSV,
// so both go through csv-parse: quoting, BOMs, CRLF and `,` `;` or tab delimiters are handled the same way.

/** `id`: an Okta user id (00u…); `login`: a login or an email (resolved against both). */
export type EntryKind = 'id' | 'login';
export interface Entry {
  line: number;
  input: string;
  kind: EntryKind;
}

export type ParseResult = { ok: true; entries: Entry[]; unresolved: UnresolvedLine[] } | { ok: false; error: string };

const USER_ID = /^00u[A-Za-z0-9]{17}$/;
/** Header names that pick the column, best first (an id resolves without a search). */
export const HEADERS = [
  'id',
  'userid',
  'user id',
  'okta id',
  'login',
  'username',
  'user name',
  'email',
  'e-mail',
  'mail',
];
/** Okta logins are at most 100 characters. */
const MAX_LOGIN = 100;

type CsvRecord = { record: string[]; info: { lines: number } };

function records(text: string): CsvRecord[] | string {
  try {
    return parse(text, {
      bom: true,
      delimiter: [',', ';', '\t'],
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
    }) as unknown as CsvRecord[];
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    return `The file could not be read as CSV${line ? ` (line ${line})` : ''}: check its quotes, or paste one user per line.`;
  }
}

/** Which column holds the users: a header naming it, else the first column (and the first row is data). */
function pickColumn(first: string[]): { column: number; header: boolean } {
  const names = first.map((c) => c.trim().toLowerCase());
  for (const h of HEADERS) {
    const i = names.indexOf(h);
    if (i >= 0) return { column: i, header: true };
  }
  return { column: 0, header: false };
}

function problem(value: string): string | null {
  if (value.length > MAX_LOGIN) return `Longer than ${MAX_LOGIN} characters, Okta's longest login.`;
  if (/\s/.test(value)) return 'Contains a space: put one user per line (or per CSV row).';
  if (/[\u0000-\u001f\u007f]/.test(value)) return 'Contains a control character.';
  return null;
}

/** Entries in input order; blanks dropped; invalid lines and repeats reported, never silently lost. */
export function parseEntries(text: string): ParseResult {
  const rows = records(text);
  if (typeof rows === 'string') return { ok: false, error: rows };
  if (rows.length === 0)
    return { ok: false, error: 'No users found: paste logins, emails or Okta user ids, one per line.' };
  const { column, header } = pickColumn(rows[0]!.record);
  // A single line of several values without a header is a pasted list ("a@x.com, b@x.com"), not a CSV row.
  const cells =
    !header && rows.length === 1
      ? rows[0]!.record.map((input) => ({ input, line: rows[0]!.info.lines }))
      : (header ? rows.slice(1) : rows).map(({ record, info }) => ({ input: record[column] ?? '', line: info.lines }));
  const entries: Entry[] = [];
  const unresolved: UnresolvedLine[] = [];
  const seen = new Map<string, number>();
  for (const cell of cells) {
    const input = cell.input.trim();
    if (input === '') continue;
    const line = cell.line;
    const bad = problem(input);
    if (bad) {
      unresolved.push({ line, input: input.slice(0, 200), reason: 'invalid', message: bad });
      continue;
    }
    // Okta ids are case-sensitive; logins and emails are compared case-insensitively by Okta's search.
    const kind: EntryKind = USER_ID.test(input) ? 'id' : 'login';
    const key = kind === 'id' ? input : input.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) {
      unresolved.push({ line, input, reason: 'duplicate', message: `Same as line ${first}.` });
      continue;
    }
    seen.set(key, line);
    entries.push({ line, input, kind });
    if (entries.length > MAX_ENTRIES) {
      return {
        ok: false,
        error: `More than ${MAX_ENTRIES.toLocaleString('en')} users: one job takes at most ${MAX_ENTRIES.toLocaleString('en')}. Split the list into several jobs.`,
      };
    }
  }
  if (entries.length === 0 && unresolved.length === 0)
    return { ok: false, error: 'No users found: the file has a header row but no values under it.' };
  return { ok: true, entries, unresolved };
}
