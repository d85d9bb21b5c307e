import { z } from 'zod';
import { requirePermission } from '../auth/permissions';
import type { Directory } from '../core/directory';
import { notFound, oktaError, type HttpError } from '../core/errors';
import {
  activateRule,
  createRule,
  deactivateRule,
  deleteRule,
  ruleProblems,
  type RuleInput,
  type RuleProblem,
} from '../core/group-rules';
import { iso } from '../core/ids';
import type { GroupRuleRecord } from '../core/types';
import type { Reply, RequestContext, Route } from '../http/types';
import { CHOICES } from '../unconfirmed';
import { parseBody } from './body';
import { LIMITS, linkHeaders, pageIds, parseLimit } from './pagination';

// The Group Rules API (spec tag GroupRule; shared/okta/group-rules.md). Reads need okta.groups.read and a
// role that may view rules, changes okta.groups.manage and a Super or Org Admin (auth/permissions.ts).

const EXPRESSION_TYPE = 'urn:okta:expression:1.0';

// CreateGroupRuleRequest; replace takes a GroupRule, whose read-only fields (id, created, _embedded …) are ignored.
const ruleBody = z.object({
  type: z.literal('group_rule'),
  name: z.string().min(1).max(50),
  conditions: z.object({
    people: z
      .object({
        users: z.object({ exclude: z.array(z.string()).optional() }).optional(),
        groups: z.object({ exclude: z.array(z.string()).optional() }).optional(),
      })
      .optional(),
    expression: z.object({ value: z.string().min(1), type: z.literal(EXPRESSION_TYPE) }),
  }),
  actions: z.object({ assignUserToGroups: z.object({ groupIds: z.array(z.string()).min(1) }) }),
});
const replaceBody = ruleBody.extend({ status: z.enum(['ACTIVE', 'INACTIVE', 'INVALID']).optional() });

function ruleInput(body: z.infer<typeof ruleBody>): RuleInput {
  return {
    name: body.name,
    expression: body.conditions.expression.value,
    groupIds: body.actions.assignUserToGroups.groupIds,
    excludeUserIds: body.conditions.people?.users?.exclude ?? [],
    excludeGroupIds: body.conditions.people?.groups?.exclude ?? [],
  };
}

/** 400 E0000001 naming the first refused field, one cause per problem. */
function refused(problems: RuleProblem[]): HttpError {
  return oktaError(
    'E0000001',
    problems[0]!.field,
    problems.map((p) => p.message),
  );
}

function ruleJson(dir: Directory, rule: GroupRuleRecord, expand: boolean) {
  const json = {
    type: 'group_rule',
    id: rule.id,
    status: rule.status,
    name: rule.name,
    created: iso(rule.created),
    lastUpdated: iso(rule.lastUpdated),
    conditions: {
      people: { users: { exclude: [...rule.excludeUserIds] }, groups: { exclude: [...rule.excludeGroupIds] } },
      expression: { value: rule.expression, type: EXPRESSION_TYPE },
    },
    actions: { assignUserToGroups: { groupIds: [...rule.groupIds] } },
  };
  if (!expand) return json;
  // A deleted target (INVALID rule) has no name to map.
  const names = rule.groupIds.flatMap((id) => {
    const group = dir.groups.get(id);
    return group ? [[id, group.profile.name] as const] : [];
  });
  return { ...json, _embedded: { groupIdToGroupNameMap: Object.fromEntries(names) } };
}

const expanded = (ctx: RequestContext) => (ctx.query.get('expand') ?? '').split(',').includes('groupIdToGroupNameMap');

function loadRule(ctx: RequestContext, perm: 'groupRules.read' | 'groupRules.manage'): GroupRuleRecord {
  const { dir } = ctx.state;
  requirePermission(dir, ctx.auth!.client, perm);
  const rule = dir.rules.get(ctx.params.ruleId!);
  if (!rule) throw notFound(ctx.params.ruleId!, 'GroupRule');
  return rule;
}

/** GET /api/v1/groups/rules — limit (50, 1–200), after, search (a keyword: part of the name), expand. */
function listGroupRules(ctx: RequestContext): Reply {
  const { dir } = ctx.state;
  requirePermission(dir, ctx.auth!.client, 'groupRules.read');
  const limit = parseLimit(ctx, LIMITS.groupRules);
  const keyword = ctx.query.get('search')?.toLowerCase();
  const accept = keyword ? (id: string) => dir.rules.get(id)!.name.toLowerCase().includes(keyword) : undefined;
  const { ids, next } = pageIds(ctx, dir.ruleIds, limit, accept);
  return {
    status: 200,
    body: ids.map((id) => ruleJson(dir, dir.rules.get(id)!, expanded(ctx))),
    headers: { link: linkHeaders(ctx, limit, next) },
  };
}

/** POST /api/v1/groups/rules — 200 with the rule, always INACTIVE. */
function createGroupRule(ctx: RequestContext): Reply {
  const { dir } = ctx.state;
  requirePermission(dir, ctx.auth!.client, 'groupRules.manage');
  const input = ruleInput(parseBody(ctx, ruleBody));
  const problems = ruleProblems(dir, input, true);
  if (problems.length) throw refused(problems);
  return { status: 200, body: ruleJson(dir, createRule(dir, input), false) };
}

function getGroupRule(ctx: RequestContext): Reply {
  return { status: 200, body: ruleJson(ctx.state.dir, loadRule(ctx, 'groupRules.read'), expanded(ctx)) };
}

/**
 * PUT /api/v1/groups/rules/{id} — "You can only update rules with a group whose status is set to INACTIVE"
 * and "You currently can't update the actions section" (spec). Errors for both: UNCONFIRMED.
 */
function replaceGroupRule(ctx: RequestContext): Reply {
  const { dir } = ctx.state;
  const rule = loadRule(ctx, 'groupRules.manage');
  const body = parseBody(ctx, replaceBody);
  if (rule.status !== 'INACTIVE')
    throw refused([{ field: 'status', message: CHOICES.replaceNonInactiveRuleText.replace('{0}', rule.status) }]);
  if (body.status !== undefined && body.status !== rule.status)
    throw refused([
      {
        field: 'status',
        message: "You can't update the status of a rule. Use the activate and deactivate lifecycle operations.",
      },
    ]);
  const input = ruleInput(body);
  const same = new Set(input.groupIds);
  if (same.size !== rule.groupIds.length || !rule.groupIds.every((id) => same.has(id)))
    throw refused([{ field: 'actions', message: "You currently can't update the actions section." }]);
  const problems = ruleProblems(dir, input, false);
  if (problems.length) throw refused(problems);
  rule.name = input.name;
  rule.expression = input.expression;
  rule.excludeUserIds = [...new Set(input.excludeUserIds)];
  rule.excludeGroupIds = [...input.excludeGroupIds];
  rule.lastUpdated = ctx.state.now();
  return { status: 200, body: ruleJson(dir, rule, false) };
}

/** DELETE /api/v1/groups/rules/{id}?removeUsers= — 202 Accepted, any status (UNCONFIRMED). */
function deleteGroupRule(ctx: RequestContext): Reply {
  const rule = loadRule(ctx, 'groupRules.manage');
  deleteRule(ctx.state.dir, rule, ctx.query.get('removeUsers') === 'true', ctx.state.now());
  return { status: 202 };
}

/** POST …/lifecycle/activate|deactivate — 204; an INVALID rule "can only be read or deleted". */
function lifecycle(ctx: RequestContext, activate: boolean): Reply {
  const rule = loadRule(ctx, 'groupRules.manage');
  const text = CHOICES.invalidRuleLifecycleText;
  if (rule.status === 'INVALID') throw refused([{ field: text, message: text }]);
  const now = ctx.state.now();
  if (activate && rule.status !== 'ACTIVE') activateRule(ctx.state.dir, rule, now);
  if (!activate && rule.status !== 'INACTIVE') deactivateRule(rule, now);
  return { status: 204 };
}

/** Registered before groupRoutes: `/api/v1/groups/rules` must not be read as `/api/v1/groups/{groupId}`. */
export const groupRuleRoutes: Route[] = [
  {
    method: 'GET',
    template: '/api/v1/groups/rules',
    op: 'listGroupRules',
    scope: 'okta.groups.read',
    handler: listGroupRules,
  },
  {
    method: 'POST',
    template: '/api/v1/groups/rules',
    op: 'createGroupRule',
    scope: 'okta.groups.manage',
    handler: createGroupRule,
  },
  {
    method: 'GET',
    template: '/api/v1/groups/rules/:ruleId',
    op: 'getGroupRule',
    scope: 'okta.groups.read',
    handler: getGroupRule,
  },
  {
    method: 'PUT',
    template: '/api/v1/groups/rules/:ruleId',
    op: 'replaceGroupRule',
    scope: 'okta.groups.manage',
    handler: replaceGroupRule,
  },
  {
    method: 'DELETE',
    template: '/api/v1/groups/rules/:ruleId',
    op: 'deleteGroupRule',
    scope: 'okta.groups.manage',
    handler: deleteGroupRule,
  },
  {
    method: 'POST',
    template: '/api/v1/groups/rules/:ruleId/lifecycle/activate',
    op: 'activateGroupRule',
    scope: 'okta.groups.manage',
    handler: (ctx) => lifecycle(ctx, true),
  },
  {
    method: 'POST',
    template: '/api/v1/groups/rules/:ruleId/lifecycle/deactivate',
    op: 'deactivateGroupRule',
    scope: 'okta.groups.manage',
    handler: (ctx) => lifecycle(ctx, false),
  },
];
