import 'server-only';

/** lib/okta's public surface: code outside this folder imports only from here. */
export type { AppQuery, AssignGroupResult, AssignUserResult, UnassignGroupResult, UnassignUserResult } from './apps';
export { BUCKET_LABEL } from './buckets';
export { createOktaClient, getOktaClient, type OktaClient } from './client';
export { testConnection, type Check, type CheckId, type ConnectionProblem, type ConnectionReport } from './diagnose';
export type { ProblemCode } from './diagnose-copy';
export { normalizeOktaDomain, type DomainProblem, type DomainResult } from './domain';
export { isOktaError, type OktaErrorKind } from './errors';
export type { AddMemberResult, GroupQuery, MembershipWriteOptions, RemoveMemberResult } from './groups';
export { validateClientId, validateKeyId, type IdCheck } from './ids';
export type { PublicJwk } from './jwk';
export { generateKeyPair, type GeneratedKeyPair } from './key-generate';
export { parsePrivateKey, type KeyAlg, type KeyParseResult, type KeyProblem, type ParsedKey } from './key-parse';
export type { BucketView, BudgetPeers, PeerShare, WindowView } from './limiter';
export { madeByClient, type AccessChangeWhat, type OktaAccessChange } from './log-events';
export type { Page, PageOptions } from './paginate';
export { filterString } from './path';
export type {
  OktaApp,
  OktaAppGroupAssignment,
  OktaAppLink,
  OktaAppUser,
  OktaAppUserWithUser,
  OktaGroup,
  OktaGroupRule,
  OktaGroupStats,
  OktaListedGroup,
  OktaUser,
  OktaUserApp,
} from './schemas';
export type { TokenInfo } from './token';
export {
  DEFAULT_SCOPES,
  LOGS_SCOPE,
  type AuthMode,
  type OktaCall,
  type OktaClientOptions,
  type OktaCredentials,
} from './types';
export type { UserQuery } from './users';
export { CUSTOM_ROLE_PERMISSIONS, proveMembershipWrite, type WriteAccess } from './write-access';
