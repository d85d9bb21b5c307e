import { describe, expect, it } from 'vitest';
import { evaluateRule, parseRuleExpression, referencedGroups, RuleExpressionError } from './rule-expression';

// The group-rule subset of the Okta Expression Language (parse + evaluate); the API refusals are in
// ../group-rules.test.ts.

const subject = {
  profile: { department: 'Engineering', title: 'Staff Engineer', city: null },
  groups: new Set(['00gA']),
};
const run = (text: string) => evaluateRule(parseRuleExpression(text), subject);

describe('group rule expressions', () => {
  it('compares profile attributes case-sensitively; a missing attribute is != everything', () => {
    expect(run('user.department=="Engineering"')).toBe(true);
    expect(run('user.department=="engineering"')).toBe(false);
    expect(run("user.department != 'Sales'")).toBe(true);
    expect(run('user.missing=="x"')).toBe(false);
    expect(run('user.missing!="x"')).toBe(true);
    expect(run('user.city!="Oslo"')).toBe(true);
  });

  it('AND binds tighter than OR; parentheses and ! group', () => {
    expect(run('user.department=="Sales" OR user.title=="Staff Engineer" AND user.city=="x"')).toBe(false);
    expect(run('user.department=="Engineering" or user.title=="no" and user.city=="x"')).toBe(true);
    expect(run('(user.department=="Sales" OR user.department=="Engineering") AND !isMemberOfGroup("00gB")')).toBe(true);
    expect(run('!(isMemberOfGroup("00gA"))')).toBe(false);
  });

  it('String.startsWith reads a string attribute; isMemberOfGroup the user’s groups', () => {
    expect(run('String.startsWith(user.title,"Staff")')).toBe(true);
    expect(run('String.startsWith(user.city,"")')).toBe(false);
    expect(run("isMemberOfGroup('00gA')")).toBe(true);
    expect(referencedGroups(parseRuleExpression('isMemberOfGroup("00gA") OR !isMemberOfGroup("00gB")'))).toEqual([
      '00gA',
      '00gB',
    ]);
  });

  it('refuses what is outside the subset with a reason', () => {
    for (const text of ['', 'user.a', 'user.a=="b" AND', '(user.a=="b"', 'user.a=="b")', 'user.a==b', 'true'])
      expect(() => parseRuleExpression(text), text).toThrow(RuleExpressionError);
  });
});
