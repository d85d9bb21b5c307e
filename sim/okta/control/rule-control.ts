import { z } from 'zod';
import { activateRule, createRule, ruleProblems } from '../core/group-rules';
import type { GroupRuleStatus } from '../core/types';
import { fail } from './directory-control';
import { IamControl } from './iam-control';

/** A group rule as an admin creates it in the Admin Console (the API's CreateGroupRuleRequest, flattened). */
export interface GroupRuleInput {
  name: string;
  /** Okta Expression Language, in the simulator's subset (core/rule-expression.ts), e.g. user.department=="Sales". */
  expression: string;
  groupIds: string[];
  excludeUserIds?: string[];
  /** Activate right away (runs the rule over every user); rules are created INACTIVE otherwise. */
  activate?: boolean;
}

const ruleInput = z.object({
  name: z.string(),
  expression: z.string(),
  groupIds: z.array(z.string()),
  excludeUserIds: z.array(z.string()).optional(),
  activate: z.boolean().optional(),
});

/** Group rules set up from outside the API, with the same content checks as POST /api/v1/groups/rules. */
export class RuleControl extends IamControl {
  createGroupRule(raw: GroupRuleInput): { id: string; status: GroupRuleStatus } {
    const parsed = ruleInput.safeParse(raw);
    if (!parsed.success)
      throw fail(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '), 400);
    const { activate, ...rest } = parsed.data;
    const input = { ...rest, excludeUserIds: rest.excludeUserIds ?? [], excludeGroupIds: [] };
    const problems = ruleProblems(this.dir, input, true);
    if (problems.length) throw fail(problems.map((p) => p.message).join('; '), 400);
    const rule = createRule(this.dir, input, this.state.now());
    if (activate) this.asAdmin('/admin/groups#rules', () => activateRule(this.dir, rule, this.state.now()));
    return { id: rule.id, status: rule.status };
  }

  /** conditions.people.users.exclude of a rule: the users it never adds (admins' removals end up here). */
  getGroupRuleExcludedUserIds(ruleId: string): string[] {
    const rule = this.dir.rules.get(ruleId);
    if (!rule) throw fail(`unknown group rule ${ruleId}`);
    return [...rule.excludeUserIds];
  }
}
