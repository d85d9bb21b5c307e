/**
 * Every behaviour the notes in ../shared/okta mark UNCONFIRMED (or that no source states), with the choice
 * the simulator makes and why. Switchable choices are read by the code from CHOICES; entries marked
 * "(structural)" document a choice that is built into the code's shape and cannot be toggled here.
 * README.md lists the same entries (keep them in step).
 */
export const CHOICES = {
  /** Console-generated keys get kid = RFC 7638 SHA-256 thumbprint (Okta's examples are 43-char b64url). */
  consoleKidIsThumbprint: true,
  /** A deactivated app's assertion gets the generic invalid_client text (the catalogue has nothing specific). */
  inactiveClientText: 'Client authentication failed. Either the client or the client credentials are invalid.',
  /** Several active keys and no kid in the assertion: "kid is invalid" (one of the two texts seen live). */
  missingKidWithSeveralKeysText: 'The client_assertion JWT kid is invalid.',
  /** An unknown okta.* scope: the generic invalid_scope text rather than consent_required. */
  unknownOktaScopeText:
    'The requested scope is invalid, unknown, malformed, or exceeds the scope granted by the resource owner.',
  /** A non-okta (custom) scope on the org authorization server. */
  customScopeText: 'Custom scopes are not allowed for this request.',
  /** (structural) Client authentication is checked (and its jti spent) before DPoP, so the nonce retry needs a fresh assertion. */
  assertionCheckedBeforeDpop: true,
  /** A DPoP header sent to an app that does not require DPoP is ignored and a Bearer token is issued. */
  ignoreDpopWhenNotRequired: true,
  /** A DPoP proof's jti is recorded only when the proof is accepted (not when answered with use_dpop_nonce). */
  recordDpopJtiOnlyWhenAccepted: true,
  /** No clock-skew leeway for assertion/proof `iat` in the future. */
  futureIatLeewaySeconds: 0,
  /** Resource-side DPoP errors: 400, detail only in WWW-Authenticate, empty body. */
  resourceDpopErrorBodyEmpty: true,
  /** Missing, malformed or expired token on /api/v1: 401 E0000011 body plus a Bearer invalid_token challenge. */
  invalidTokenIsE0000011: true,
  /** Tokens of a client whose app was deactivated stop working (401 invalid token) before they expire. */
  inactiveClientTokensRejected: true,
  /** Missing scope: 403 with an empty body; the detail is only in WWW-Authenticate. */
  insufficientScopeBodyEmpty: true,
  /** Re-adding an existing member: 204. Removing a non-member: 204. */
  idempotentMembership: true,
  /** Unassigning a user who is not assigned: 404 E0000007 for the user (AppUser not found). */
  unassignMissingAppUserIs404: true,
  /** POST an already directly assigned user: 200 with the (updated) AppUser, not 409 E0000062. */
  reassignUserIsOk: true,
  /** (structural) GET /api/v1/apps lists INACTIVE apps too (the `status eq "INACTIVE"` filter would be useless otherwise). */
  listAppsIncludesInactive: true,
  /** limit above an endpoint's maximum is clamped to the maximum; below the minimum or non-numeric → default. */
  clampLimit: true,
  /** Concurrency-limit 429: E0000047 body, X-Rate-Limit-Limit/Remaining 0, Reset = now + 1 s. */
  concurrencyResetSeconds: 1,
  /** (structural) 411 for PUT/POST without Content-Length or Transfer-Encoding: empty body (no catalogue code exists). */
  lengthRequiredBodyEmpty: true,
  /** Nested paths: /groups/{id}/* count in the /api/v1/groups bucket, /users/{id}/* in the users-by-id bucket. */
  nestedPathBuckets: true,
  /** APP_ADMIN can read users and groups (needed to pick assignees); USER_ADMIN cannot read apps. */
  appAdminReadsDirectory: true,
  /** (structural) Reading a client's roles (and custom roles, resource sets) needs SUPER_ADMIN or a custom role with okta.iam.read; others → E0000006 with the catalogue body; changing them needs SUPER_ADMIN; unknown client → 404 (AppInstance). */
  clientRolesNeedSuperAdmin: true,
  /** APP_ADMIN may assign groups to apps, not only users (notes §1: not stated). */
  appAdminAssignsGroups: true,
  /** okta.iam.read grants its reads whatever the role's resource set holds (the notes name no IAM resource URL). */
  iamReadNeedsNoResource: true,
  /** (structural) A custom role needs both sides of a change (notes §3: whether the API enforces every pairing is untested): a membership okta.groups.members.manage on the group and okta.users.groupMembership.manage on the user; an assignment okta.apps.assignment.manage on the app and okta.users.appAssignment.manage / okta.groups.appAssignment.manage on the assignee. okta.users/groups/apps.manage include their narrower permissions. Permissions of all assignments add up. */
  customRolePairsRequired: true,
  /** (structural) Only a client with no admin role at all gets 200 [] from GET /api/v1/users; roles that grant no user reads (e.g. REPORT_ADMIN) get 403 E0000006. */
  onlyRolelessUsersListEmpty: true,
  /** (structural) Unknown custom role / resource set → 404 E0000007 "Resource not found: <id> (CustomRole)" / "(ResourceSet)"; unknown role assignment "(Role)". */
  iamNotFoundKinds: true,
  /** (structural) Role targets of an assignment that takes none (SUPER_ADMIN, CUSTOM …) list as []; an OIN-name app target is shown with the org's apps of that name (no catalog data). */
  untargetableRoleTargetsEmpty: true,
  /** (structural) Duplicate client role assignment: standard → 409 E0000263, same custom role + set → 409 E0000090. */
  duplicateRoleCodes: true,
  /** (structural) A group that holds an admin role blocks membership changes by non-Super Admins (E0000006); app assignments to it are not blocked. */
  adminGroupBlocksMembershipOnly: true,
  /** (structural) Assigning a DEPROVISIONED user to an app → 403 E0000117. */
  deprovisionedAssignIsE0000117: true,
  /** (structural) Invalid filter/search expressions → 400 E0000031 "Invalid search criteria.". */
  badExpressionIsE0000031: true,
  /** (structural) search + sortBy: strings compare case-insensitively, missing values last, ties by id; cursor = last (value, id). */
  sortedSearchCursor: true,
  /** (structural) `nbf` in a client assertion and a `client_id` form field next to it are ignored. */
  ignoreAssertionNbf: true,
  /** (structural) Unassigned app user / app group → 404 E0000007 "(AppUser)" / "(ApplicationGroupAssignment)". */
  assignmentNotFoundKinds: true,
  /** (structural) Group-derived AppUsers report `created` = the group assignment's time and name the group in `_links.group`. */
  groupDerivedAppUserShape: true,
  /** (structural) Group rule expressions: only `user.x=="v"`, `!=`, AND, OR, `!`, parentheses, `isMemberOfGroup("00g…")` and `String.startsWith(user.x,"v")`; anything else → 400 E0000001 "Api validation failed: validateRule" with the reason as cause (summary seen in articulate/terraform-provider-okta#148). */
  groupRuleExpressionSubset: true,
  /** Activating or deactivating an INVALID rule: 400 E0000001 whose summary and cause contain this text (text matched by terraform; code and status unconfirmed). */
  invalidRuleLifecycleText: 'Cannot activate or deactivate a Group Rule with the status INVALID',
  /** PUT of a rule that is not INACTIVE ({0} = its status): 400 E0000001 "Api validation failed: status" with this cause; changed `actions` → "…: actions"; a `status` different from the rule's → "…: status". */
  replaceNonInactiveRuleText: 'You can only update rules whose status is INACTIVE; this rule is {0}.',
  /** (structural) Unknown group rule id → 404 E0000007 "Resource not found: <id> (GroupRule)". */
  groupRuleNotFoundKind: true,
  /** READ_ONLY_ADMIN can list and read group rules (the help page names only Group admins who manage all groups). */
  readOnlyAdminViewsGroupRules: true,
  /** (structural) Viewing rules: SUPER_ADMIN, ORG_ADMIN, an untargeted USER_ADMIN (and READ_ONLY_ADMIN, above); editing: SUPER_ADMIN, ORG_ADMIN. Targeted USER_ADMIN, GROUP_MEMBERSHIP_ADMIN, HELP_DESK_ADMIN, APP_ADMIN and custom roles (no documented permission) → 403 E0000006. */
  groupRulePermissions: true,
  /** (structural) Rules run before the API answers: no background lag (Okta's is unmeasured), no 409 E0000249 / 423 E0000239. */
  groupRulesRunSynchronously: true,
  /** (structural) Rules skip users who are not ACTIVE (neither add nor remove); a user created ACTIVE or whose status becomes ACTIVE is evaluated, other status changes evaluate nothing. */
  groupRulesOnlyActiveUsers: true,
  /** (structural) A membership records the rules managing it; a manual member who matches becomes rule-managed (documented); one who stops matching leaves once no rule manages them; re-adding a rule-managed member (PUT) changes nothing; a manual member who doesn't match is never removed (so no "exception" is created for them). */
  ruleManagedMemberships: true,
  /** (structural) A user on a rule's exclude list is neither added nor removed by it; the rule lets go of their membership (managed manually from then on). */
  excludedUserKeepsMembership: true,
  /** (structural) Every admin removal (API or control plane) of a rule-managed member adds the user to the exclude list of each rule managing it, whatever that rule's status (deactivated rules keep their members attributed), also past 100 entries; the rule's lastUpdated changes. */
  exclusionOnEveryRemoval: true,
  /** (structural) DELETE of a rule works in any status → 202; removeUsers=true removes the members only that rule manages (the reported OKTA-806008 bug is not simulated); without it they stay, managed manually. Activate of an ACTIVE / deactivate of an INACTIVE rule → 204. */
  deleteRuleAnyStatus: true,
  /** (structural) Rule content checks → 400 E0000001: targets must exist, be OKTA_GROUPs and hold no admin role (1–100 of them); isMemberOfGroup ids must exist; excluded users must exist (≤ 100); at most 2,000 rules. conditions.people.groups.exclude is stored and echoed, never evaluated. */
  groupRuleContentChecks: true,
  /** (structural) `search` on GET /api/v1/groups/rules matches a case-insensitive part of the rule's name. */
  groupRuleSearchByName: true,
  /** (structural) Deleting a group (control plane) makes every rule that assigns to it INVALID (its other memberships stay); isMemberOfGroup of a deleted group is false and invalidates nothing. */
  deletedTargetInvalidatesRule: true,
  /** (structural) System Log: an API change's actor is the service app as `{type: "PublicClientApp", id: <client id>}` and `client.id` is the client id (system-log.md §7); `transaction.id` and `debugData.requestId` equal the response's X-Okta-Request-Id (§8). */
  logApiActorAndTransaction: true,
  /** (structural) System Log: a control-plane change is an Admin Console admin's (`type: "User"`, `client.id` null, its own WEB transaction); a group rule's changes are Okta System's (`SystemPrincipal`) in a JOB with `debugData.triggeredByGroupRuleId`; a group's app assignment reaching its members is a JOB that keeps the causing actor and `client.id`. */
  logJobActors: true,
  /** (structural) System Log: events persist the moment they happen, so persistence order = `published` order; `until` and `since` are inclusive; `after` wins over `since`; a forged `after` or an unknown `sortOrder` → 400 E0000001; `limit` below 0 or not a number → 100, above 1000 → 1000; more than 10 `q` keywords → 400 E0000001 (text invented). */
  logQueryEdges: true,
  /** (structural) System Log readers: SUPER_ADMIN, ORG_ADMIN, READ_ONLY_ADMIN, REPORT_ADMIN, APP_ADMIN (documented); USER_ADMIN, GROUP_MEMBERSHIP_ADMIN, HELP_DESK_ADMIN and custom roles → 403 E0000006. */
  logReaders: true,
  /** (structural) System Log: a new direct assignment is logged (application.user_membership.add) even when a group already granted the app; deleting a group logs its app assignments' removal, not each membership. */
  logAssignmentEdges: true,
} as const;
