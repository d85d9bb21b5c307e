// The subset of the Okta Expression Language the simulator accepts in group rules (UNCONFIRMED: Okta accepts
// far more; anything outside this subset is refused at create/replace, see unconfirmed.ts
// `groupRuleExpressionSubset`):
//
//   user.<attr> == "text"      user.<attr> != "text"      (single or double quotes; case-sensitive)
//   String.startsWith(user.<attr>, "text")
//   isMemberOfGroup("00g…")
//   a AND b    a OR b    !a    ( … )                        (AND binds tighter; keywords in any case)
//
// Sources: the spec's example `user.role=="Engineer"`; Okta help "Create group rules" (AND, OR, "!", "=="
// for equality, no "=" assignment); isMemberOfGroup in terraform-provider-okta#1144 and the KB "How to
// exclude specific groups in group rule"; String.startsWith in terraform's group_rule docs.

export type RuleExpr =
  | { kind: 'eq' | 'ne'; attr: string; value: string }
  | { kind: 'startsWith'; attr: string; value: string }
  | { kind: 'memberOf'; groupId: string }
  | { kind: 'and' | 'or'; left: RuleExpr; right: RuleExpr }
  | { kind: 'not'; inner: RuleExpr };

/** Why an expression was refused; the API turns it into a 400 E0000001 cause. */
export class RuleExpressionError extends Error {}

type Token = { t: 'str'; v: string } | { t: 'name'; v: string } | { t: 'op'; v: '==' | '!=' | '!' | '(' | ')' | ',' };

const NAME = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*/;

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '"' || c === "'") {
      let v = '';
      let j = i + 1;
      for (; j < text.length && text[j] !== c; j++) {
        if (text[j] === '\\' && j + 1 < text.length) j++;
        v += text[j];
      }
      if (j >= text.length) throw new RuleExpressionError('Unterminated string in expression.');
      out.push({ t: 'str', v });
      i = j + 1;
    } else if (text.startsWith('==', i) || text.startsWith('!=', i)) {
      out.push({ t: 'op', v: text.slice(i, i + 2) as '==' | '!=' });
      i += 2;
    } else if ('!(),'.includes(c)) {
      out.push({ t: 'op', v: c as '!' | '(' | ')' | ',' });
      i++;
    } else {
      const m = NAME.exec(text.slice(i));
      if (!m) throw new RuleExpressionError(`Unexpected character '${c}' in expression.`);
      out.push({ t: 'name', v: m[0] });
      i += m[0].length;
    }
  }
  return out;
}

const USER_ATTR = /^user\.([A-Za-z_][A-Za-z0-9_]*)$/;

/** Parses one expression of the subset or throws RuleExpressionError with the reason. */
export function parseRuleExpression(text: string): RuleExpr {
  const tokens = tokenize(text);
  let i = 0;
  const peek = () => tokens[i];
  const isKeyword = (word: string) => {
    const t = peek();
    return t?.t === 'name' && t.v.toUpperCase() === word;
  };
  const expectOp = (v: string) => {
    const t = tokens[i++];
    if (t?.t !== 'op' || t.v !== v) throw new RuleExpressionError(`Expected '${v}' in expression.`);
  };
  const str = (): string => {
    const t = tokens[i++];
    if (t?.t !== 'str') throw new RuleExpressionError('Expected a quoted string in expression.');
    return t.v;
  };
  const attr = (): string => {
    const t = tokens[i++];
    const m = t?.t === 'name' ? USER_ATTR.exec(t.v) : null;
    if (!m) throw new RuleExpressionError('Expected a user profile attribute (user.<name>) in expression.');
    return m[1]!;
  };

  const parseOr = (): RuleExpr => {
    let left = parseAnd();
    while (isKeyword('OR')) {
      i++;
      left = { kind: 'or', left, right: parseAnd() };
    }
    return left;
  };
  const parseAnd = (): RuleExpr => {
    let left = parseUnary();
    while (isKeyword('AND')) {
      i++;
      left = { kind: 'and', left, right: parseUnary() };
    }
    return left;
  };
  const parseUnary = (): RuleExpr => {
    const t = peek();
    if (t?.t === 'op' && t.v === '!') {
      i++;
      return { kind: 'not', inner: parseUnary() };
    }
    if (t?.t === 'op' && t.v === '(') {
      i++;
      const inner = parseOr();
      expectOp(')');
      return inner;
    }
    if (t?.t !== 'name') throw new RuleExpressionError('Expression is incomplete or not a Boolean expression.');
    if (t.v === 'isMemberOfGroup') {
      i++;
      expectOp('(');
      const groupId = str();
      expectOp(')');
      return { kind: 'memberOf', groupId };
    }
    if (t.v === 'String.startsWith') {
      i++;
      expectOp('(');
      const a = attr();
      expectOp(',');
      const value = str();
      expectOp(')');
      return { kind: 'startsWith', attr: a, value };
    }
    if (NAME.test(t.v) && tokens[i + 1]?.t === 'op' && tokens[i + 1]!.v === '(')
      throw new RuleExpressionError(`Function ${t.v} is not supported by the simulator.`);
    const a = attr();
    const op = tokens[i++];
    if (op?.t !== 'op' || (op.v !== '==' && op.v !== '!='))
      throw new RuleExpressionError("Expected '==' or '!=' after a user attribute (use '==' for equality).");
    return { kind: op.v === '==' ? 'eq' : 'ne', attr: a, value: str() };
  };

  if (tokens.length === 0) throw new RuleExpressionError('Expression is empty.');
  const expr = parseOr();
  if (i !== tokens.length) throw new RuleExpressionError('Unexpected text after the end of the expression.');
  return expr;
}

/** Group ids an expression reads with isMemberOfGroup (they must exist when the rule is saved). */
export function referencedGroups(expr: RuleExpr): string[] {
  switch (expr.kind) {
    case 'memberOf':
      return [expr.groupId];
    case 'and':
    case 'or':
      return [...referencedGroups(expr.left), ...referencedGroups(expr.right)];
    case 'not':
      return referencedGroups(expr.inner);
    default:
      return [];
  }
}

export interface RuleSubject {
  profile: Record<string, unknown>;
  groups: ReadonlySet<string>;
}

export function evaluateRule(expr: RuleExpr, user: RuleSubject): boolean {
  switch (expr.kind) {
    case 'eq':
      return user.profile[expr.attr] === expr.value;
    case 'ne':
      return user.profile[expr.attr] !== expr.value;
    case 'startsWith': {
      const v = user.profile[expr.attr];
      return typeof v === 'string' && v.startsWith(expr.value);
    }
    case 'memberOf':
      return user.groups.has(expr.groupId);
    case 'and':
      return evaluateRule(expr.left, user) && evaluateRule(expr.right, user);
    case 'or':
      return evaluateRule(expr.left, user) || evaluateRule(expr.right, user);
    case 'not':
      return !evaluateRule(expr.inner, user);
  }
}
