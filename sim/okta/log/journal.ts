import type { ChangeCause, ChangeJournal, Directory } from '../core/directory';
import { derivedId } from '../core/ids';
import { actingContext, adminConsoleContext, jobOf, type ActingContext } from './context';
import { buildEvent, type EventType, type LogTarget } from './events';
import type { SystemLog } from './store';

/**
 * Turns directory changes into System Log events, whoever made them: the acting request's context (API or
 * Admin Console) or, for a rule or a group's app assignment, the JOB it sets off. Targets are named as they
 * are at the moment of the change.
 */
export class LogJournal implements ChangeJournal {
  constructor(
    private readonly dir: Directory,
    private readonly log: SystemLog,
  ) {}

  membership(op: 'add' | 'remove', groupId: string, userId: string, cause: ChangeCause): void {
    this.emit(`group.user_membership.${op}`, this.contextFor(cause), [this.user(userId), this.group(groupId)]);
  }

  appUser(op: 'add' | 'remove', appId: string, userId: string, cause: ChangeCause): void {
    // A different order from membership events on purpose: target[] is read by type (system-log.md §6).
    this.emit(`application.user_membership.${op}`, this.contextFor(cause), [
      this.appUserTarget(appId, userId),
      this.app(appId),
      this.user(userId),
    ]);
  }

  groupApp(op: 'add' | 'remove', appId: string, groupId: string): void {
    this.emit(`group.application_assignment.${op}`, this.contextFor({}), [this.app(appId), this.group(groupId)], {
      group_app_assignment_id: derivedId('gaa', `${appId}:${groupId}`),
    });
  }

  /** Emitted by Okta System when an admin removes a rule-managed member (group-rules.md §4, system-log.md §7). */
  ruleExclusion(ruleId: string, groupId: string, userId: string): void {
    this.emit('group.user_membership.rule.add_exclusion', this.contextFor({ ruleId }), [
      this.user(userId),
      this.group(groupId),
    ]);
  }

  private contextFor(cause: ChangeCause): ActingContext {
    let context = actingContext() ?? adminConsoleContext('/admin');
    if (cause.ruleId) context = jobOf(context, `rule:${cause.ruleId}`, true, { triggeredByGroupRuleId: cause.ruleId });
    if (cause.viaGroupId) context = jobOf(context, `group:${cause.viaGroupId}`, false, {});
    return context;
  }

  private emit(type: EventType, context: ActingContext, target: LogTarget[], debugData?: Record<string, string>) {
    this.log.append((at) => buildEvent(type, context, target, at, debugData));
  }

  private user(id: string): LogTarget {
    const p = this.dir.users.get(id)?.profile;
    const name = [p?.firstName, p?.lastName].filter(Boolean).join(' ');
    return {
      id,
      type: 'User',
      alternateId: p?.login ?? 'unknown',
      displayName: name || (p?.login ?? id),
      detailEntry: null,
    };
  }

  private group(id: string): LogTarget {
    const name = this.dir.groups.get(id)?.profile.name ?? id;
    return { id, type: 'UserGroup', alternateId: 'unknown', displayName: name, detailEntry: null };
  }

  private app(id: string): LogTarget {
    const label = this.dir.apps.get(id)?.label ?? id;
    return { id, type: 'AppInstance', alternateId: label, displayName: label, detailEntry: null };
  }

  private appUserTarget(appId: string, userId: string): LogTarget {
    const login = this.dir.users.get(userId)?.profile.login ?? userId;
    const userName = this.dir.assignments.get(appId)?.direct.get(userId)?.userName ?? login;
    return {
      id: derivedId('0ua', `${appId}:${userId}`),
      type: 'AppUser',
      alternateId: userName,
      displayName: login,
      detailEntry: null,
    };
  }
}
