import type { Directory } from './directory';
import {
  evaluateRule,
  parseRuleExpression,
  referencedGroups,
  RuleExpressionError,
  type RuleExpr,
} from './rule-expression';
import type { GroupRuleRecord } from './types';

// Group rules as the org runs them (shared/okta/group-rules.md §3–§4): only ACTIVE rules run, only for ACTIVE
// users; activation runs a rule over the whole population; a profile change, a membership change, creation or
// reactivation runs every ACTIVE rule for that user. A user who stops matching is removed (no exclusion); a
// rule-managed member removed by an admin is added to the rule's exclusion list. Okta does this in a
// background task; the simulator does it before answering (UNCONFIRMED lag, see unconfirmed.ts).

/** "Orgs can have a maximum of 2000 rules"; 100 excluded users and 100 target groups per rule (KB "Group Rule Restrictions"). */
const MAX_RULES = 2000;
const MAX_EXCLUDED = 100;
const MAX_TARGETS = 100;

export interface RuleInput {
  name: string;
  expression: string;
  groupIds: string[];
  excludeUserIds: string[];
  excludeGroupIds: string[];
}

/** A refusal of a rule's content: `field` is what Okta's E0000001 summary names, `message` the cause. */
export interface RuleProblem {
  field: string;
  message: string;
}

// Stored rules always parse (they were validated on the way in), so one parse per expression text serves
// every evaluation, including activation over 100k users.
const parsed = new Map<string, RuleExpr>();
function compiled(rule: GroupRuleRecord): RuleExpr {
  let expr = parsed.get(rule.expression);
  if (!expr) parsed.set(rule.expression, (expr = parseRuleExpression(rule.expression)));
  return expr;
}

/** Everything Okta would refuse in a rule's content (create and replace); empty when it is acceptable. */
export function ruleProblems(dir: Directory, input: RuleInput, creating: boolean): RuleProblem[] {
  const problems: RuleProblem[] = [];
  if (creating && dir.rules.size >= MAX_RULES)
    problems.push({ field: 'groupRule', message: `An org can have at most ${MAX_RULES} group rules.` });
  if (input.name.length < 1 || input.name.length > 50)
    problems.push({ field: 'name', message: 'name: The name must be between 1 and 50 characters.' });
  try {
    for (const groupId of referencedGroups(parseRuleExpression(input.expression)))
      if (!dir.groups.has(groupId))
        problems.push({ field: 'validateRule', message: `isMemberOfGroup: group ${groupId} does not exist.` });
  } catch (e) {
    if (!(e instanceof RuleExpressionError)) throw e;
    problems.push({ field: 'validateRule', message: e.message });
  }
  const targets = 'actions.assignUserToGroups.groupIds';
  if (input.groupIds.length < 1 || input.groupIds.length > MAX_TARGETS)
    problems.push({ field: targets, message: `${targets}: A rule assigns users to 1 to ${MAX_TARGETS} groups.` });
  for (const groupId of input.groupIds) {
    const group = dir.groups.get(groupId);
    if (!group) problems.push({ field: targets, message: `${targets}: Group ${groupId} does not exist.` });
    else if (group.type !== 'OKTA_GROUP')
      problems.push({ field: targets, message: `${targets}: Group ${groupId} is not an OKTA_GROUP.` });
    else if (group.adminRole)
      problems.push({ field: targets, message: `${targets}: Group rules cannot assign users to admin groups.` });
  }
  const excluded = 'conditions.people.users.exclude';
  if (input.excludeUserIds.length > MAX_EXCLUDED)
    problems.push({ field: excluded, message: `${excluded}: A rule can exclude at most ${MAX_EXCLUDED} users.` });
  for (const userId of input.excludeUserIds)
    if (!dir.users.has(userId))
      problems.push({ field: excluded, message: `${excluded}: User ${userId} does not exist.` });
  return problems;
}

/** Stores a new rule, INACTIVE ("Group rules are created with the status set to 'INACTIVE'"). */
export function createRule(dir: Directory, input: RuleInput, at = dir.now()): GroupRuleRecord {
  const rule: GroupRuleRecord = {
    id: dir.ids.next('0pr'),
    name: input.name,
    status: 'INACTIVE',
    created: at,
    lastUpdated: at,
    expression: input.expression,
    excludeUserIds: [...new Set(input.excludeUserIds)],
    excludeGroupIds: [...input.excludeGroupIds],
    groupIds: [...new Set(input.groupIds)],
  };
  dir.rules.set(rule.id, rule);
  dir.ruleIds.add(rule.id);
  return rule;
}

/** One ACTIVE rule for one user. True when the user's group memberships changed. */
function applyRule(dir: Directory, rule: GroupRuleRecord, userId: string, at: number): boolean {
  const user = dir.users.get(userId);
  // "the user cannot be in a Pending or Inactive state"; a user who left ACTIVE keeps rule groups (KB-DEACT).
  if (!user || user.status !== 'ACTIVE') return false;
  const excluded = rule.excludeUserIds.includes(userId);
  const groups = dir.userGroups.get(userId) ?? new Set<string>();
  const matches = !excluded && evaluateRule(compiled(rule), { profile: user.profile, groups });
  let changed = false;
  for (const groupId of rule.groupIds) {
    if (!dir.groups.has(groupId)) continue;
    // A user who stops matching leaves; an excluded one is left alone, managed manually from then on.
    changed = matches
      ? dir.addRuleMember(groupId, userId, rule.id, at) || changed
      : dir.releaseRuleMember(groupId, userId, rule.id, !excluded, at) || changed;
  }
  return changed;
}

/**
 * Runs every ACTIVE rule for one user until memberships settle: a rule may read (isMemberOfGroup) a group
 * another rule fills ("cascading rules", discouraged by Okta but run). Bounded, so a rule that undoes itself
 * cannot loop.
 */
export function applyRulesToUser(dir: Directory, userId: string, at = dir.now()): void {
  const active = dir.ruleIds
    .values()
    .map((id) => dir.rules.get(id)!)
    .filter((r) => r.status === 'ACTIVE');
  for (let pass = 0; pass <= active.length; pass++) {
    let changed = false;
    for (const rule of active) changed = applyRule(dir, rule, userId, at) || changed;
    if (!changed) return;
  }
}

/** "Once activated, it will run across your entire user population." */
export function activateRule(dir: Directory, rule: GroupRuleRecord, at = dir.now()): void {
  rule.status = 'ACTIVE';
  rule.lastUpdated = at;
  const changed: string[] = [];
  for (const userId of dir.userIds.values()) if (applyRule(dir, rule, userId, at)) changed.push(userId);
  for (const userId of changed) applyRulesToUser(dir, userId, at);
}

/** Deactivating keeps the memberships the rule created (KB-LIMIT); they stay attributed to the rule. */
export function deactivateRule(rule: GroupRuleRecord, at: number): void {
  rule.status = 'INACTIVE';
  rule.lastUpdated = at;
}

/** Deletes a rule; its members stay (managed manually) unless `removeUsers`, which removes those only it managed. */
export function deleteRule(dir: Directory, rule: GroupRuleRecord, removeUsers: boolean, at = dir.now()): void {
  dir.rules.delete(rule.id);
  dir.ruleIds.delete(rule.id);
  const left = new Set<string>();
  for (const groupId of rule.groupIds)
    for (const userId of [...(dir.ruleSources.get(groupId)?.keys() ?? [])])
      if (dir.releaseRuleMember(groupId, userId, rule.id, removeUsers, at)) left.add(userId);
  for (const userId of left) applyRulesToUser(dir, userId, at);
}

/** An admin (Admin Console or API) adds a member; the membership change runs the rules for that user. */
export function addMemberByAdmin(dir: Directory, groupId: string, userId: string, at = dir.now()): boolean {
  if (!dir.addMember(groupId, userId, at)) return false;
  applyRulesToUser(dir, userId, at);
  return true;
}

/**
 * An admin removes a member. A rule-managed user is added to each managing rule's exclusion list ("If a
 * rule-managed user is manually removed from a group, the user is automatically added to the rule's Except
 * The following users field", group-rules.md §4), so the rule does not add them back. False when not a member.
 */
export function removeMemberByAdmin(dir: Directory, groupId: string, userId: string, at = dir.now()): boolean {
  const managing = dir.ruleIdsOf(groupId, userId);
  if (!dir.removeMember(groupId, userId, at)) return false;
  for (const ruleId of managing) {
    const rule = dir.rules.get(ruleId);
    if (!rule || rule.excludeUserIds.includes(userId)) continue;
    rule.excludeUserIds.push(userId);
    rule.lastUpdated = at;
    dir.journal?.ruleExclusion(ruleId, groupId, userId);
  }
  applyRulesToUser(dir, userId, at);
  return true;
}

/** Deletes a group; rules that assign to it become INVALID ("can only be read or deleted"). */
export function deleteGroupAndInvalidateRules(dir: Directory, groupId: string, at = dir.now()): boolean {
  const members = [...(dir.members.get(groupId)?.values() ?? [])];
  if (!dir.deleteGroup(groupId)) return false;
  for (const rule of dir.rules.values()) {
    if (!rule.groupIds.includes(groupId)) continue;
    rule.status = 'INVALID';
    rule.lastUpdated = at;
  }
  for (const userId of members) applyRulesToUser(dir, userId, at);
  return true;
}
