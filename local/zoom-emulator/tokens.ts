// OAuth state of the emulator: authorization codes, grants, access and refresh tokens.
// A grant is one authorization, or one account-credentials issue. Revoking a grant invalidates every
// token issued under it, as Zoom's /oauth/revoke does for an access token and its refresh chain.
import { randomBytes } from 'node:crypto';

export const AUTHORIZATION_CODE_LIFETIME_MILLISECONDS = 5 * 60 * 1000;

export interface AuthorizationCode {
  clientId: string;
  userId: string;
  redirectUri: string;
  issuedAt: number;
  used: boolean;
}

export interface Grant {
  id: string;
  clientId: string;
  /** Zoom user of a user-app grant; undefined for account credentials. */
  userId?: string;
  accountId: string;
  scopes: string[];
  revoked: boolean;
}

export interface AccessToken {
  grant: Grant;
  expiresAt: number;
  /** Set when a newer account-credentials token replaced this one. */
  superseded: boolean;
}

export interface RefreshToken {
  grant: Grant;
  used: boolean;
}

export type AccessTokenCheck =
  | { valid: true; token: AccessToken }
  | { valid: false; reason: 'invalid' | 'expired' };

/** Returns a random opaque token of URL-safe characters. */
export function randomToken(byteCount = 32): string {
  return randomBytes(byteCount).toString('base64url');
}

export class TokenStore {
  private readonly codes = new Map<string, AuthorizationCode>();
  private readonly grants: Grant[] = [];
  private readonly accessTokens = new Map<string, AccessToken>();
  private readonly refreshTokens = new Map<string, RefreshToken>();

  clear(): void {
    this.codes.clear();
    this.grants.length = 0;
    this.accessTokens.clear();
    this.refreshTokens.clear();
  }

  issueCode(code: Omit<AuthorizationCode, 'used'>): string {
    const value = randomToken(24);

    this.codes.set(value, { ...code, used: false });

    return value;
  }

  /** Returns the code's record and marks it used; undefined when unknown. */
  takeCode(value: string): AuthorizationCode | undefined {
    const code = this.codes.get(value);

    if (!code) return undefined;

    const copy = { ...code };

    code.used = true;

    return copy;
  }

  createGrant(grant: Omit<Grant, 'id' | 'revoked'>): Grant {
    const created: Grant = { ...grant, id: randomToken(8), revoked: false };

    this.grants.push(created);

    return created;
  }

  issueAccessToken(grant: Grant, expiresAt: number): string {
    const value = randomToken();

    this.accessTokens.set(value, { grant, expiresAt, superseded: false });

    return value;
  }

  issueRefreshToken(grant: Grant): string {
    const value = randomToken();

    this.refreshTokens.set(value, { grant, used: false });

    return value;
  }

  checkAccessToken(value: string, now: number): AccessTokenCheck {
    const token = this.accessTokens.get(value);

    if (!token || token.grant.revoked || token.superseded) return { valid: false, reason: 'invalid' };

    if (now >= token.expiresAt) return { valid: false, reason: 'expired' };

    return { valid: true, token };
  }

  /** Returns a live refresh token's record and spends it (refresh tokens are single-use). */
  spendRefreshToken(value: string): RefreshToken | undefined {
    const token = this.refreshTokens.get(value);

    if (!token || token.used || token.grant.revoked) return undefined;

    token.used = true;

    return token;
  }

  /** Marks every access token of an account app as superseded: Zoom keeps only the newest one valid. */
  supersedeAccountTokens(clientId: string): void {
    for (const token of this.accessTokens.values()) {
      if (token.grant.clientId === clientId && token.grant.userId === undefined) token.superseded = true;
    }
  }

  /** Revokes the grants of this app and user, as a new authorization by the same user does. */
  revokeUserGrants(clientId: string, userId: string): void {
    for (const grant of this.grants) {
      if (grant.clientId === clientId && grant.userId === userId) grant.revoked = true;
    }
  }

  /** Revokes the grant that issued this access or refresh token; false when the token is unknown. */
  revokeToken(value: string): boolean {
    const grant = this.accessTokens.get(value)?.grant ?? this.refreshTokens.get(value)?.grant;

    if (!grant) return false;

    grant.revoked = true;

    return true;
  }

  /** Revokes every grant, or only those of one user. */
  revokeAll(userId?: string): void {
    for (const grant of this.grants) {
      if (userId === undefined || grant.userId === userId) grant.revoked = true;
    }
  }
}
