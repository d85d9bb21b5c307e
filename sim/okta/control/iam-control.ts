import { z } from 'zod';
import { parseResource } from '../auth/resources';
import type { CustomRoleAssignment } from '../core/types';
import { DirectoryControl, fail } from './directory-control';

export interface CustomRoleInput {
  label: string;
  description?: string;
  /** Okta permission names, e.g. okta.groups.members.manage (notes §2.3). */
  permissions: string[];
}

export interface ResourceSetInput {
  label: string;
  description?: string;
  /** REST URLs (`{origin}/api/v1/groups/{id}` …) or ORNs (notes §2.2). */
  resources: string[];
}

/** A custom role bound to a resource set, each by id or label. */
export interface CustomRoleAssignmentInput {
  type: 'CUSTOM';
  role: string;
  resourceSet: string;
}

const PERMISSION = /^okta\.[A-Za-z]+(\.[A-Za-z]+)+$/;
const roleInput = z.object({
  label: z.string().min(1),
  description: z.string().optional(),
  permissions: z.array(z.string().regex(PERMISSION, 'not an Okta permission name')).min(1),
});
const setInput = z.object({
  label: z.string().min(1),
  description: z.string().optional(),
  resources: z.array(z.string()).min(1).max(1000),
});

function valid<T>(schema: z.ZodType<T>, raw: unknown): T {
  const r = schema.safeParse(raw);
  if (!r.success) throw fail(r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '), 400);
  return r.data;
}

/**
 * Custom admin roles, resource sets and groups that hold an admin role, as a Super Admin would set them up
 * in the Admin Console. Limits from Okta help "Custom admin roles": 100 roles, 1,000 resources per set.
 */
export class IamControl extends DirectoryControl {
  createCustomRole(raw: CustomRoleInput): { id: string } {
    const { dir } = this;
    const input = valid(roleInput, raw);
    if (dir.findCustomRole(input.label)) throw fail(`a role labelled ${input.label} exists`, 400);
    if (dir.customRoles.size >= 100) throw fail('an org can hold at most 100 custom roles', 400);
    const now = this.state.now();
    const id = dir.ids.next('cr0');
    dir.customRoles.set(id, {
      id,
      label: input.label,
      description: input.description ?? input.label,
      permissions: [...new Set(input.permissions)],
      created: now,
      lastUpdated: now,
    });
    return { id };
  }

  createResourceSet(raw: ResourceSetInput): { id: string } {
    const { dir } = this;
    const input = valid(setInput, raw);
    if (dir.findResourceSet(input.label)) throw fail(`a resource set labelled ${input.label} exists`, 400);
    const now = this.state.now();
    const resources = input.resources.map((text) => {
      const ref = parseResource(text, dir);
      if (!ref) throw fail(`not a supported resource (or unknown object): ${text}`, 400);
      return { id: dir.ids.next('ire'), ref, created: now, lastUpdated: now };
    });
    const id = dir.ids.next('iam');
    dir.resourceSets.set(id, {
      id,
      label: input.label,
      description: input.description ?? input.label,
      resources,
      created: now,
      lastUpdated: now,
    });
    return { id };
  }

  /** Marks a group as holding an admin role (`hasAdminPrivlege`): its memberships become Super-Admin-only. */
  setGroupAdminRole(groupId: string, holds = true): void {
    const group = this.dir.groups.get(groupId);
    if (!group) throw fail(`unknown group ${groupId}`);
    if (holds) group.adminRole = true;
    else delete group.adminRole;
  }

  protected customAssignment(input: CustomRoleAssignmentInput, id: string, now: number): CustomRoleAssignment {
    const role = this.dir.findCustomRole(input.role);
    if (!role) throw fail(`unknown custom role ${input.role}`, 400);
    const set = this.dir.findResourceSet(input.resourceSet);
    if (!set) throw fail(`unknown resource set ${input.resourceSet}`, 400);
    return { id, type: 'CUSTOM', role: role.id, resourceSet: set.id, created: now, lastUpdated: now };
  }
}
