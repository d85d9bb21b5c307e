import 'server-only';

/** lib/okta's public surface: code outside this folder imports only from here. */
export { parsePrivateKey, type KeyParseResult, type KeyProblem, type ParsedKey, type KeyAlg } from './key-parse';
export { generateKeyPair, type GeneratedKeyPair } from './key-generate';
export type { PublicJwk } from './jwk';
export { normalizeOktaDomain, OKTA_SUFFIXES, type DomainProblem, type DomainResult } from './domain';
export { validateClientId, validateKeyId, type IdCheck } from './ids';
export { DEFAULT_SCOPES, type AuthMode, type OktaClientOptions, type OktaCredentials } from './types';
export { getOktaClient, createOktaClient, dropOktaClient, type OktaClient } from './client';
export type { TokenInfo } from './token';
export type { Page, PageOptions } from './paginate';
export type { UserQuery } from './users';
export type { GroupQuery, AddMemberResult, RemoveMemberResult, MembershipWriteOptions } from './groups';
export type { AppQuery, AssignUserResult, UnassignUserResult, AssignGroupResult, UnassignGroupResult } from './apps';
export type { OktaUser, OktaGroup, OktaApp, OktaAppUser, OktaAppGroupAssignment, OktaAppLink, OktaRole, OktaGroupStats, OktaUserApp } from './schemas';
export { testConnection, type CheckId, type Check, type ConnectionProblem, type ConnectionReport } from './diagnose';
export { PROBLEM_COPY, type ProblemCode } from './diagnose-copy';
export { OktaError, isOktaError, type OktaErrorKind } from './errors';
