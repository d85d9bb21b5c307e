import { errorBody, HttpError } from '../core/errors';

// The System Log's `filter` (SCIM; "All operators except [ ] are supported", spec listLogEvents) and `q`
// (keywords), with the refusals system-log-query documents, word for word where it quotes them.

type Op = 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'pr' | 'gt' | 'ge' | 'lt' | 'le';
type Expr =
  | { kind: 'cmp'; attr: string; op: Op; value: string | number | boolean | null }
  | { kind: 'and' | 'or'; left: Expr; right: Expr }
  | { kind: 'not'; inner: Expr };

const OPS = new Set<string>(['eq', 'ne', 'co', 'sw', 'ew', 'pr', 'gt', 'ge', 'lt', 'le']);
/** LogEvent's properties (spec); `published` is refused: it "may conflict with … since, after, and until". */
const FIELDS = new Set([
  'actor',
  'authenticationContext',
  'client',
  'debugContext',
  'device',
  'displayMessage',
  'eventType',
  'legacyEventType',
  'outcome',
  'request',
  'securityContext',
  'severity',
  'target',
  'transaction',
  'uuid',
  'version',
]);
/** "co on debugContext.debugData.url / .requestUri → 400 E0000031" (2021 release notes). */
const NO_CONTAINS = new Set(['debugContext.debugData.url', 'debugContext.debugData.requestUri']);

const refuse = (code: 'E0000053' | 'E0000031' | 'E0000001', summary: string, causes: string[] = []) =>
  new HttpError(400, {
    ...errorBody(code),
    errorSummary: summary,
    errorCauses: causes.map((c) => ({ errorSummary: c })),
  });

const TOKEN = /\s*(\(|\)|"(?:[^"\\]|\\.)*"|[^\s()]+)/y;

/** Parses and checks a filter; the refusals name the operator's position as Okta's example does (0-based). */
export function parseLogFilter(text: string): Expr {
  const tokens: Array<{ t: string; at: number }> = [];
  TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while (TOKEN.lastIndex < text.length && (m = TOKEN.exec(text)))
    tokens.push({ t: m[1]!, at: m.index + m[0].indexOf(m[1]!) });
  const invalid = (why: string) => refuse('E0000053', `Invalid filter '${text}': ${why}`);
  let i = 0;
  const word = () => tokens[i]?.t.toLowerCase();
  const parseOr = (): Expr => {
    let left = parseAnd();
    while (word() === 'or') {
      i++;
      left = { kind: 'or', left, right: parseAnd() };
    }
    return left;
  };
  const parseAnd = (): Expr => {
    let left = parseFactor();
    while (word() === 'and') {
      i++;
      left = { kind: 'and', left, right: parseFactor() };
    }
    return left;
  };
  const parseFactor = (): Expr => {
    const tok = tokens[i++];
    if (!tok) throw invalid(`End of input at position ${text.length} but expected an attribute path`);
    if (tok.t === '(') {
      const inner = parseOr();
      if (tokens[i++]?.t !== ')') throw invalid(`Expected ')' at position ${text.length}`);
      return inner;
    }
    if (tok.t.toLowerCase() === 'not') return { kind: 'not', inner: parseFactor() };
    const opTok = tokens[i++];
    if (!opTok) throw invalid(`End of input at position ${text.length} but expected an attribute operator`);
    const op = opTok.t.toLowerCase();
    if (!OPS.has(op))
      throw invalid(
        `Unrecognized attribute operator '${opTok.t}' at position ${opTok.at}. Expected: eq,co,sw,pr,gt,ge,lt,le`,
      );
    checkField(tok.t, op);
    if (op === 'pr') return { kind: 'cmp', attr: tok.t, op: 'pr', value: null };
    const raw = tokens[i++];
    if (!raw) throw invalid(`End of input at position ${text.length} while expecting a value for operator ${op}`);
    return { kind: 'cmp', attr: tok.t, op: op as Op, value: literal(raw.t, invalid) };
  };
  const expr = parseOr();
  if (i !== tokens.length) throw invalid(`Unexpected token '${tokens[i]!.t}'`);
  return expr;
}

function checkField(attr: string, op: string): void {
  const [head] = attr.split('.');
  if (!head || !FIELDS.has(head) || attr.startsWith('target.changeDetails'))
    throw refuse('E0000053', `field is not valid: ${attr}`);
  if (op === 'co' && NO_CONTAINS.has(attr))
    throw refuse(
      'E0000031',
      `The supplied combination of operator and field is not currently supported. Operator: co, Field: ${attr}`,
    );
}

function literal(raw: string, invalid: (why: string) => HttpError): string | number | boolean | null {
  if (raw.startsWith('"')) {
    try {
      return JSON.parse(raw) as string;
    } catch {
      throw invalid(`Invalid value filter: ${raw}`);
    }
  }
  if (raw === 'true' || raw === 'false') return raw === 'true';
  if (raw === 'null') return null;
  const n = Number(raw);
  if (Number.isFinite(n)) return n;
  throw invalid(`Invalid value filter: ${raw}`);
}

/** Every value at a dotted path; arrays (target[], ipChain[]) fan out, so `target.id eq` matches any target. */
function valuesAt(node: unknown, path: string[]): unknown[] {
  if (Array.isArray(node)) return node.flatMap((n) => valuesAt(n, path));
  if (path.length === 0) return [node];
  if (!node || typeof node !== 'object') return [];
  return valuesAt((node as Record<string, unknown>)[path[0]!], path.slice(1));
}

function compare(actual: unknown, op: Op, v: string | number | boolean | null): boolean {
  if (op === 'pr') return actual !== null && actual !== undefined && actual !== '';
  if (actual === null || actual === undefined) return op === 'ne' ? v !== null : op === 'eq' && v === null;
  if (op === 'eq') return actual === v;
  if (op === 'ne') return actual !== v;
  if (typeof actual === 'string' && typeof v === 'string') {
    if (op === 'co') return actual.includes(v);
    if (op === 'sw') return actual.startsWith(v);
    if (op === 'ew') return actual.endsWith(v);
  }
  if (typeof actual !== typeof v || v === null || typeof v === 'boolean') return false;
  const a = actual as string | number;
  const cmp = a < v ? -1 : a > v ? 1 : 0;
  return op === 'gt' ? cmp > 0 : op === 'ge' ? cmp >= 0 : op === 'lt' ? cmp < 0 : op === 'le' ? cmp <= 0 : false;
}

export function matchesFilter(expr: Expr, event: object): boolean {
  switch (expr.kind) {
    case 'and':
      return matchesFilter(expr.left, event) && matchesFilter(expr.right, event);
    case 'or':
      return matchesFilter(expr.left, event) || matchesFilter(expr.right, event);
    case 'not':
      return !matchesFilter(expr.inner, event);
    default: {
      const values = valuesAt(event, expr.attr.split('.'));
      if (values.length === 0) return compare(undefined, expr.op, expr.value);
      return values.some((a) => compare(a, expr.op, expr.value));
    }
  }
}

const MAX_KEYWORD = 40;
const MAX_KEYWORDS = 10;

/** `q`: up to 10 keywords of at most 40 characters; each must match a value exactly, case-insensitively. */
export function parseKeywords(q: string): string[] {
  const words = q.split(/\s+/).filter(Boolean);
  if (words.some((w) => w.length > MAX_KEYWORD))
    throw refuse(
      'E0000001',
      "Api validation failed: 'q': Freeform search cannot contain items longer than 40 characters. Please shorten the items in your search or use an advanced filter to query by specific fields.",
    );
  // The limit of 10 is documented; its refusal text is not (UNCONFIRMED, worded like the one above).
  if (words.length > MAX_KEYWORDS)
    throw refuse('E0000001', "Api validation failed: 'q': Freeform search cannot contain more than 10 items.");
  return words.map((w) => w.toLowerCase());
}

/** Candidates are every string value, its words, and (for hyphenated values) the parts between hyphens. */
export function matchesKeywords(keywords: string[], event: object): boolean {
  if (keywords.length === 0) return true;
  const candidates = new Set<string>();
  const visit = (node: unknown): void => {
    if (typeof node === 'string') {
      const lower = node.toLowerCase();
      candidates.add(lower);
      for (const word of lower.split(/\s+/)) {
        candidates.add(word);
        if (word.includes('-')) for (const part of word.split('-')) candidates.add(part);
      }
    } else if (node && typeof node === 'object') for (const v of Object.values(node)) visit(v);
  };
  visit(event);
  return keywords.every((k) => candidates.has(k));
}
