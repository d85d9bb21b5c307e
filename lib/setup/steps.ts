// The guided setup's steps, in order. Pages, the stepper and the server-side progress all read this.
export const STEPS = [
  { id: 'before-you-begin', title: 'Before you begin' },
  { id: 'create-app', title: 'Create the app' },
  { id: 'client-auth', title: 'Client authentication' },
  { id: 'scopes-and-roles', title: 'Scopes and roles' },
  { id: 'connection', title: 'Connection details' },
  { id: 'test', title: 'Test and save' },
] as const;

export type StepId = (typeof STEPS)[number]['id'];

export const STEP_IDS: StepId[] = STEPS.map((s) => s.id);

export const stepHref = (id: StepId) => `/integrations/new/${id}`;

/** The first step not yet completed; the last step once all before it are done. */
export function firstIncompleteStep(completed: readonly string[]): StepId {
  return STEP_IDS.find((id) => !completed.includes(id)) ?? 'test';
}

/** A step may be opened when every step before it is complete. */
export function canOpenStep(step: StepId, completed: readonly string[]): boolean {
  return STEP_IDS.indexOf(step) <= STEP_IDS.indexOf(firstIncompleteStep(completed));
}

export const SUGGESTED_APP_NAME = 'Access Management Integration';

/** The admin roles in one sentence, as step 1, its checkbox's error and the connection test's fix all say it. */
export const ROLES_NEEDED =
  'Application Administrator and Group Administrator (or a custom admin role with the same permissions).';

export const REQUIRED_ROLES = [
  { type: 'USER_ADMIN', label: 'Group Administrator' },
  { type: 'APP_ADMIN', label: 'Application Administrator' },
] as const;
