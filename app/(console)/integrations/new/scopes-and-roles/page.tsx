import { CopyButton } from '@/components/ui/copy-button';
import { CUSTOM_ROLE_PERMISSIONS, DEFAULT_SCOPES } from '@/lib/okta';
import { loadDraftForStep } from '@/lib/queries/setup';
import { REQUIRED_ROLES } from '@/lib/setup/steps';
import type { Metadata } from 'next';
import { AcknowledgeForm } from '../_components/acknowledge-form';
import { StepPage, Ui } from '../_components/step-page';

export const metadata: Metadata = { title: 'Scopes and roles' };

/** Okta's own labels for the permissions where its help names them (admin-roles-and-permissions.md §2.3). */
const PERMISSION_LABELS: Partial<Record<(typeof CUSTOM_ROLE_PERMISSIONS)[number], string>> = {
  'okta.users.groupMembership.manage': 'Edit users’ group membership',
  'okta.users.appAssignment.manage': 'Edit users’ application assignments',
  'okta.groups.members.manage': 'Manage group membership',
  'okta.apps.assignment.manage': 'Edit application’s user assignments',
};

function CodeList({ items, labels = {} }: { items: readonly string[]; labels?: Partial<Record<string, string>> }) {
  return (
    <ul className="mt-2 grid gap-1">
      {items.map((s) => (
        <li key={s} className="flex flex-wrap items-center gap-2">
          <code className="rounded bg-muted px-1 font-mono text-xs">{s}</code>
          <CopyButton value={s} label={s} />
          {labels[s] ? <span className="text-muted-foreground">“{labels[s]}”</span> : null}
        </li>
      ))}
    </ul>
  );
}

export default async function ScopesAndRolesPage() {
  const draft = await loadDraftForStep('scopes-and-roles');
  return (
    <StepPage
      title="Grant scopes and admin roles"
      description="Scopes say which APIs the app may call; admin roles say what it may change. Okta needs both: with scopes alone, reads may work and every change is refused (E0000006)."
      okta={
        <ol>
          <li>
            In the app, open the <Ui>Okta API Scopes</Ui> tab and click <Ui>Grant</Ui> next to each of these six scopes:
            <CodeList items={DEFAULT_SCOPES} />
            <p className="mt-2 text-muted-foreground">
              Optional: also grant <code className="font-mono text-xs">okta.roles.read</code>. With it (and a role that
              may view admin assignments, below) the connection test reads the app’s own admin roles and tells you
              exactly what it may change.
            </p>
            <p className="mt-2 text-muted-foreground">
              Optional, the seventh: <code className="font-mono text-xs">okta.logs.read</code> lets the console read
              Okta’s System Log, to show who changed access and when on user, group and app pages, including changes
              made outside the console (the Admin Console, group rules, other tools). It also needs a role that may view
              the System Log, such as Application Administrator or Report Administrator. Without it everything else
              works; the history panels say what to grant.
            </p>
          </li>
          <li>
            Give the app an admin role. <Ui>Recommended: a custom role</Ui> with only what the console needs.
            <ol className="mt-2">
              <li>
                <Ui>Security → Administrators → Roles → Create new role</Ui>, named for example “Access console”, with
                these eight permissions:
                <CodeList items={CUSTOM_ROLE_PERMISSIONS} labels={PERMISSION_LABELS} />
                <span className="mt-1 block text-muted-foreground">
                  Optional: add <code className="font-mono text-xs">okta.iam.read</code> (“View roles, resources, and
                  admin assignments”) so the test can read the role.
                </span>
              </li>
              <li>
                <Ui>Resources → Create new resource set</Ui>: all users, and the groups and apps the console should
                manage (or all groups and all apps). Okta ignores a permission for resources outside the set.
              </li>
              <li>
                <Ui>Admins → Add administrator</Ui>: choose this app, the role and the resource set.
              </li>
            </ol>
          </li>
          <li>
            <Ui>Or the standard roles</Ui>: on the app’s <Ui>Admin roles</Ui> tab, click <Ui>Edit assignments</Ui> and
            assign
            <ul className="mt-2 grid list-disc gap-1 pl-5">
              {REQUIRED_ROLES.map((r) => (
                <li key={r.type}>
                  <Ui>{r.label}</Ui> <span className="text-muted-foreground">(role type {r.type})</span>
                </li>
              ))}
            </ul>
            <span className="mt-1 block text-muted-foreground">
              for all groups and apps, or the ones this console should manage. A Group Administrator limited to some
              groups cannot add users from outside those groups; Group Membership Administrator can. Application
              Administrator can also reconfigure apps, which the custom role avoids.
            </span>
          </li>
          <li>
            Click <Ui>Save changes</Ui>. Whatever the role, a group that itself holds an admin role can only be changed
            by a Super Administrator.
          </li>
        </ol>
      }
    >
      <AcknowledgeForm
        step="scopes-and-roles"
        done={draft.completed.includes('scopes-and-roles')}
        label="I granted the six scopes and gave the app an admin role (the custom role, or Group Administrator and Application Administrator)"
      />
    </StepPage>
  );
}
