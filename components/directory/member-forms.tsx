'use client';

import { GrantEndFields, grantEndInput, useGrantEnd } from '@/components/grants/grant-end-fields';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import {
  addUserToGroupAction,
  assignAppToGroupAction,
  assignAppToUserAction,
  checkAppAccessAction,
  checkMembershipAction,
} from '@/lib/actions/access';
import type { ActionResult, FieldErrors } from '@/lib/actions/result';
import type { GrantLimits } from '@/lib/grants/rules';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { toast } from 'sonner';
import { Picker, type PickerItem, type PickPurpose } from './picker';

function useRun() {
  const router = useRouter();
  const [pending, start] = useTransition();
  const run = (fn: () => Promise<ActionResult<unknown>>, after?: (res: ActionResult<unknown>) => void) =>
    start(async () => {
      const res = await fn();
      if (res.ok) toast.success(res.message ?? 'Done');
      else toast.error(res.error);
      after?.(res);
      router.refresh();
    });
  return { pending, run };
}

/** What each pick is for: its relation, so the search marks groups and apps Okta would refuse the change on. */
const PURPOSE: Record<string, PickPurpose> = {
  addToGroup: 'membership',
  addMember: 'membership',
  assignAppToUser: 'app_user',
  assignUserToApp: 'app_user',
  assignGroupToApp: 'app_group',
};

/** Pick one thing and apply an operation with it (add to group, add member, assign app…). */
export function PickAndApply(props: {
  integrationId: string;
  kind: 'users' | 'groups' | 'apps';
  label: string;
  button: string;
  apply: 'addToGroup' | 'addMember' | 'assignAppToUser' | 'assignUserToApp' | 'assignGroupToApp';
  fixedId: string;
  /** Items the fixed end already has (a user's groups), shown as such instead of offered. */
  exclude?: { ids: readonly string[]; reason: string };
  /** Items Okta accepts but the admin should know about first (an app the user has through a group): id → warning. */
  caution?: Readonly<Record<string, string>>;
  /** The change may end at a time (a time-bound grant) within these limits. */
  grantLimits?: GrantLimits;
}) {
  const [item, setItem] = useState<PickerItem | null>(null);
  const [priority, setPriority] = useState('');
  const [confirming, setConfirming] = useState(false);
  const { pending, run } = useRun();
  const end = useGrantEnd();
  const [errors, setErrors] = useState<FieldErrors | undefined>();
  const { integrationId, fixedId } = props;
  const warning = item ? props.caution?.[item.id] : undefined;
  const pick = (next: PickerItem | null) => {
    setItem(next);
    setConfirming(false);
  };
  const go = () => {
    if (!item) return;
    if (warning && !confirming) return setConfirming(true);
    setConfirming(false);
    const until = props.grantLimits ? grantEndInput(end.value) : {};
    const done = (res: ActionResult<unknown>) => {
      setErrors(res.ok ? undefined : res.fieldErrors);
      if (res.ok) end.reset();
    };
    run(() => {
      switch (props.apply) {
        case 'addToGroup':
          return addUserToGroupAction({ integrationId, userId: fixedId, groupId: item.id, ...until });
        case 'addMember':
          return addUserToGroupAction({ integrationId, userId: item.id, groupId: fixedId, ...until });
        case 'assignAppToUser':
          return assignAppToUserAction({ integrationId, userId: fixedId, appId: item.id, ...until });
        case 'assignUserToApp':
          return assignAppToUserAction({ integrationId, userId: item.id, appId: fixedId, ...until });
        case 'assignGroupToApp':
          return assignAppToGroupAction({ integrationId, groupId: item.id, appId: fixedId, priority, ...until });
      }
    }, done);
  };
  return (
    <div className="flex flex-wrap items-end gap-2">
      <div className="w-80 max-w-full">
        <Picker
          integrationId={integrationId}
          kind={props.kind}
          label={props.label}
          name="pick"
          onPick={pick}
          purpose={PURPOSE[props.apply]}
          exclude={props.exclude}
        />
      </div>
      {props.apply === 'assignGroupToApp' ? (
        <div className="grid gap-2">
          <label htmlFor="priority" className="text-sm font-medium">
            Priority
          </label>
          <Input
            id="priority"
            inputMode="numeric"
            className="w-24"
            value={priority}
            onChange={(e) => setPriority(e.currentTarget.value)}
            placeholder="next"
          />
        </div>
      ) : null}
      {props.grantLimits ? (
        <GrantEndFields limits={props.grantLimits} value={end.value} onChange={end.setValue} errors={errors} />
      ) : null}
      <Button onClick={go} disabled={!item || pending || confirming}>
        {pending ? 'Working…' : props.button}
      </Button>
      {confirming && warning ? (
        <div
          role="alertdialog"
          aria-labelledby="caution-title"
          aria-describedby="caution-text"
          className="grid basis-full gap-2 rounded-md border border-warning/40 bg-warning/10 p-3 text-sm"
        >
          <p id="caution-title" className="font-medium">
            Before you {props.button.toLowerCase()}
          </p>
          <p id="caution-text">{warning}</p>
          <div className="flex gap-2">
            <Button size="sm" onClick={go} disabled={pending}>
              {props.button} anyway
            </Button>
            <Button size="sm" variant="outline" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
          </div>
        </div>
      ) : null}
    </div>
  );
}

/** Pick a user and a group (or app) and get a plain answer. */
export function CheckAccess({ integrationId, target }: { integrationId: string; target: 'groups' | 'apps' }) {
  const [user, setUser] = useState<PickerItem | null>(null);
  const [thing, setThing] = useState<PickerItem | null>(null);
  const [answer, setAnswer] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, start] = useTransition();
  const check = () =>
    start(async () => {
      if (!user || !thing) return;
      const res =
        target === 'groups'
          ? await checkMembershipAction({ integrationId, userId: user.id, groupId: thing.id })
          : await checkAppAccessAction({ integrationId, userId: user.id, appId: thing.id });
      setAnswer(res.ok ? { ok: true, text: res.message ?? '' } : { ok: false, text: res.error });
    });
  return (
    <div className="grid gap-3">
      <div className="flex flex-wrap items-end gap-2">
        <div className="w-72 max-w-full">
          <Picker integrationId={integrationId} kind="users" label="User" name="user" onPick={setUser} />
        </div>
        <div className="w-72 max-w-full">
          <Picker
            integrationId={integrationId}
            kind={target}
            label={target === 'groups' ? 'Group' : 'Application'}
            name="target"
            onPick={setThing}
          />
        </div>
        <Button onClick={check} disabled={!user || !thing || pending}>
          {pending ? 'Checking…' : 'Check'}
        </Button>
      </div>
      <p
        role="status"
        className={answer ? (answer.ok ? 'text-sm font-medium' : 'text-sm text-destructive') : 'sr-only'}
      >
        {answer?.text ?? ''}
      </p>
    </div>
  );
}
