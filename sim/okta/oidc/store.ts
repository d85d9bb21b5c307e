import { randomId } from '../core/ids';

/** An OIDC Web app (Applications → Create App Integration → OIDC → Web Application). */
export interface WebClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  /** The ID token's group filter (Sign On tab → Group claim type Filter, "Matches regex"). */
  groupsFilter: RegExp;
  /** credentials.oauthClient.pkce_required */
  pkceRequired: boolean;
  /** Test fault: the issuer and/or audience the next ID tokens claim (a relying party must refuse them). */
  idTokenFault?: { iss?: string; aud?: string };
}

/** What /authorize was asked, kept while the user signs in on the simulator's page. */
export interface AuthorizeRequest {
  clientId: string;
  redirectUri: string;
  scopes: string[];
  state: string;
  nonce?: string;
  codeChallenge?: string;
}

interface CodeGrant extends AuthorizeRequest {
  userId: string;
  authTime: number;
  expiresAt: number;
  used: boolean;
  refreshToken?: string;
}

interface RefreshGrant {
  clientId: string;
  userId: string;
  scopes: string[];
  authTime: number;
  expiresAt: number;
}

/** The code lifetime is 300 s [OLD-OIDC]; org AS refresh tokens live 90 days. */
export const CODE_TTL_MS = 300_000;
export const REFRESH_TTL_MS = 90 * 86_400_000;
const TX_TTL_MS = 15 * 60_000;

/** Codes, refresh tokens, sign-in transactions and Okta sessions of one org; a reset forgets them all. */
export class OidcStore {
  private readonly codes = new Map<string, CodeGrant>();
  private readonly refresh = new Map<string, RefreshGrant>();
  private readonly transactions = new Map<string, AuthorizeRequest & { expiresAt: number }>();
  private readonly sessions = new Map<string, { userId: string; authTime: number }>();

  startTransaction(req: AuthorizeRequest, now: number): string {
    const id = randomId('tx', 24);
    this.transactions.set(id, { ...req, expiresAt: now + TX_TTL_MS });
    return id;
  }

  takeTransaction(id: string, now: number): AuthorizeRequest | undefined {
    const tx = this.transactions.get(id);
    this.transactions.delete(id);
    return tx && tx.expiresAt > now ? tx : undefined;
  }

  openSession(userId: string, now: number): string {
    const id = randomId('102', 25);
    this.sessions.set(id, { userId, authTime: now });
    return id;
  }

  session(id: string | undefined) {
    return id ? this.sessions.get(id) : undefined;
  }

  closeSession(id: string): void {
    this.sessions.delete(id);
  }

  issueCode(req: AuthorizeRequest, userId: string, authTime: number, now: number): string {
    const code = randomId('', 43);
    this.codes.set(code, { ...req, userId, authTime, expiresAt: now + CODE_TTL_MS, used: false });
    return code;
  }

  /**
   * Spends a code. A second use returns 'replayed' and revokes the refresh token the first use issued
   * (RFC 6749 §4.1.2: the server SHOULD revoke the tokens issued from a code used twice).
   */
  redeemCode(code: string, now: number): CodeGrant | 'invalid' | 'replayed' {
    const grant = this.codes.get(code);
    if (!grant || grant.expiresAt <= now) return 'invalid';
    if (grant.used) {
      if (grant.refreshToken) this.refresh.delete(grant.refreshToken);
      return 'replayed';
    }
    grant.used = true;
    return grant;
  }

  issueRefreshToken(grant: Omit<RefreshGrant, 'expiresAt'>, now: number, fromCode?: string): string {
    const token = randomId('', 43);
    this.refresh.set(token, { ...grant, expiresAt: now + REFRESH_TTL_MS });
    const code = fromCode ? this.codes.get(fromCode) : undefined;
    if (code) code.refreshToken = token;
    return token;
  }

  refreshGrant(token: string, now: number): RefreshGrant | undefined {
    const grant = this.refresh.get(token);
    return grant && grant.expiresAt > now ? grant : undefined;
  }

  revokeRefreshToken(token: string): void {
    this.refresh.delete(token);
  }
}
