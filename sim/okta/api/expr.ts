import { oktaError } from '../core/errors';

// SCIM-style expressions used by `filter` and `search` (e.g. `status eq "ACTIVE" and (profile.lastName sw
// "Sm" or lastUpdated gt "2024-01-01T00:00:00.000Z")`). Parsed once, validated per endpoint, then evaluated.

export type Op = 'eq' | 'ne' | 'sw' | 'co' | 'gt' | 'ge' | 'lt' | 'le' | 'pr';
export type Expr =
  | { kind: 'cmp'; attr: string; op: Op; value: string | number | boolean | null }
  | { kind: 'and'; left: Expr; right: Expr }
  | { kind: 'or'; left: Expr; right: Expr }
  | { kind: 'not'; inner: Expr };

const TOKEN = /\s*(\(|\)|"(?:[^"\\]|\\.)*"|[^\s()]+)/y;

function tokenize(text: string): string[] {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while (TOKEN.lastIndex < text.length && (m = TOKEN.exec(text))) out.push(m[1]!);
  if (text.slice(TOKEN.lastIndex).trim()) throw invalid();
  return out;
}

const invalid = () => oktaError('E0000031');
const OPS = new Set(['eq', 'ne', 'sw', 'co', 'gt', 'ge', 'lt', 'le', 'pr']);

export function parseExpr(text: string): Expr {
  const tokens = tokenize(text);
  let i = 0;
  const peek = () => tokens[i]?.toLowerCase();
  const parseOr = (): Expr => {
    let left = parseAnd();
    while (peek() === 'or') {
      i++;
      left = { kind: 'or', left, right: parseAnd() };
    }
    return left;
  };
  const parseAnd = (): Expr => {
    let left = parseFactor();
    while (peek() === 'and') {
      i++;
      left = { kind: 'and', left, right: parseFactor() };
    }
    return left;
  };
  const parseFactor = (): Expr => {
    const t = tokens[i++];
    if (t === undefined) throw invalid();
    if (t === '(') {
      const inner = parseOr();
      if (tokens[i++] !== ')') throw invalid();
      return inner;
    }
    if (t.toLowerCase() === 'not') return { kind: 'not', inner: parseFactor() };
    const op = tokens[i++]?.toLowerCase();
    if (!op || !OPS.has(op)) throw invalid();
    if (op === 'pr') return { kind: 'cmp', attr: t, op: 'pr', value: null };
    const raw = tokens[i++];
    if (raw === undefined) throw invalid();
    return { kind: 'cmp', attr: t, op: op as Op, value: literal(raw) };
  };
  const expr = parseOr();
  if (i !== tokens.length) throw invalid();
  return expr;
}

function literal(raw: string): string | number | boolean | null {
  if (raw.startsWith('"')) {
    try {
      return JSON.parse(raw) as string;
    } catch {
      throw invalid();
    }
  }
  if (raw === 'true' || raw === 'false') return raw === 'true';
  if (raw === 'null') return null;
  const n = Number(raw);
  if (Number.isFinite(n)) return n;
  throw invalid();
}

export type Cmp = Extract<Expr, { kind: 'cmp' }>;

/** Walks the tree; `check` throws E0000031 for anything the endpoint doesn't support. */
export function validate(expr: Expr, check: (cmp: Cmp) => boolean, allowNot = false): void {
  if (expr.kind === 'cmp') {
    if (!check(expr)) throw invalid();
  } else if (expr.kind === 'not') {
    if (!allowNot) throw invalid();
    validate(expr.inner, check, allowNot);
  } else {
    validate(expr.left, check, allowNot);
    validate(expr.right, check, allowNot);
  }
}

const DATE = /^\d{4}-\d{2}-\d{2}T/;

export function evaluate(expr: Expr, get: (attr: string) => unknown, caseInsensitive: boolean): boolean {
  if (expr.kind === 'and' || expr.kind === 'or') {
    const left = evaluate(expr.left, get, caseInsensitive);
    if (expr.kind === 'and' ? !left : left) return left;
    return evaluate(expr.right, get, caseInsensitive);
  }
  if (expr.kind === 'not') return !evaluate(expr.inner, get, caseInsensitive);
  const actual = get(expr.attr);
  if (expr.op === 'pr') return actual !== null && actual !== undefined && actual !== '';
  if (actual === null || actual === undefined) return expr.op === 'ne';
  let a: string | number | boolean = actual as string | number | boolean;
  let v = expr.value;
  if (typeof a === 'string' && typeof v === 'string' && DATE.test(a) && DATE.test(v)) {
    a = Date.parse(a);
    v = Date.parse(v);
  } else if (caseInsensitive && typeof a === 'string' && typeof v === 'string') {
    a = a.toLowerCase();
    v = v.toLowerCase();
  }
  switch (expr.op) {
    case 'eq':
      return a === v;
    case 'ne':
      return a !== v;
    case 'sw':
      return typeof a === 'string' && typeof v === 'string' && a.startsWith(v);
    case 'co':
      return typeof a === 'string' && typeof v === 'string' && a.includes(v);
    default: {
      if (v === null || typeof v === 'boolean') return false;
      const cmp = a < v ? -1 : a > v ? 1 : 0;
      return expr.op === 'gt' ? cmp > 0 : expr.op === 'ge' ? cmp >= 0 : expr.op === 'lt' ? cmp < 0 : cmp <= 0;
    }
  }
}

/**
 * A list request's `filter` (a strict subset, case-sensitive) or `search` (wider, case-insensitive) as a predicate
 * over the list's records, each read through `getter`; null when the request has neither.
 */
export function listPredicate<T>(
  query: URLSearchParams,
  getter: (record: T) => (attr: string) => unknown,
  allowed: { filter: (c: Cmp) => boolean; search: (c: Cmp) => boolean },
): ((record: T) => boolean) | null {
  for (const [param, caseInsensitive] of [
    ['filter', false],
    ['search', true],
  ] as const) {
    const text = query.get(param);
    if (text === null) continue;
    const expr = parseExpr(text);
    validate(expr, allowed[param]);
    return (record) => evaluate(expr, getter(record), caseInsensitive);
  }
  return null;
}

/** Reads `profile.firstName`, `type.id`, `status` … from a JSON-shaped record. */
export function pathGetter(obj: Record<string, unknown>): (attr: string) => unknown {
  return (attr) =>
    attr
      .split('.')
      .reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj);
}
