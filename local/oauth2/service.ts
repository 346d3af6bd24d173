// An OAuth2 service of the stand-in for the apps-script-oauth2 library, version 43
// (https://github.com/googleworkspace/apps-script-oauth2, src/Service.js): the authorization
// URL, the callback, access checks, refresh under a lock, and the JWT and custom grants.
import { validateRequired } from './service-configuration';
import { encodeCodeChallenge, encodeJwt } from './signing';
import { OAuth2TokenClient } from './token-client';

export { LOCK_WAIT_MILLISECONDS, STORAGE_PREFIX } from './token-client';
export type { OAuth2LibraryContext } from './token-client';

/** Lifetime of the state token in the authorization URL, in seconds. */
export const STATE_TOKEN_TIMEOUT_SECONDS = 3600;

interface CallbackRequest {
  parameter: Record<string, string | undefined>;
}

export class OAuth2Service extends OAuth2TokenClient implements GoogleAppsScriptOAuth2.OAuth2Service {
  private lastError: unknown;

  getRedirectUri(): string {
    return this.redirectUri || this.context.getRedirectUri();
  }

  /**
   * Builds the URL of the provider's consent page: `client_id`, `response_type=code`,
   * `redirect_uri`, a state token valid for an hour, the PKCE challenge when a code verifier
   * is set, then the `setParam` and `setScope` values. Each entry of `additionalParameters`
   * becomes an argument of the state token.
   */
  getAuthorizationUrl(additionalParameters?: object): string {
    validateRequired(
      {
        'Client ID': this.clientId,
        'Callback function name': this.callbackFunctionName,
        'Authorization base URL': this.authorizationBaseUrl,
      },
      this.createError,
    );
    const stateTokenBuilder = this.context.env.ScriptApp.newStateToken()
      .withMethod(String(this.callbackFunctionName))
      .withArgument('serviceName', this.serviceName)
      .withTimeout(STATE_TOKEN_TIMEOUT_SECONDS);

    if (this.codeVerifier) {
      stateTokenBuilder.withArgument('codeVerifier_', this.codeVerifier);
    }

    for (const [name, value] of Object.entries(additionalParameters ?? {})) {
      stateTokenBuilder.withArgument(name, value as string);
    }

    const params: Record<string, unknown> = {
      client_id: this.clientId,
      response_type: 'code',
      redirect_uri: this.getRedirectUri(),
      state: stateTokenBuilder.createToken(),
    };

    if (this.codeVerifier) {
      params.code_challenge = encodeCodeChallenge(
        String(this.codeChallengeMethod),
        this.codeVerifier,
        this.createError,
      );
      params.code_challenge_method = this.codeChallengeMethod;
    }

    Object.assign(params, this.params);

    return buildUrl(String(this.authorizationBaseUrl), params);
  }

  /**
   * Exchanges the authorization code of the callback request and saves the token. Returns
   * false when the user denied access (`error=access_denied`), and throws
   * "Error authorizing token: <error>" for any other error parameter.
   */
  handleCallback(callbackRequest: object): boolean {
    const parameters = (callbackRequest as CallbackRequest).parameter;
    const error = parameters.error;

    if (error) {
      if (error === 'access_denied') return false;

      throw this.createError('Error', 'Error authorizing token: ' + error);
    }

    validateRequired({ 'Client ID': this.clientId, 'Token URL': this.tokenUrl }, this.createError);
    const payload: Record<string, unknown> = {
      code: parameters.code,
      client_id: this.clientId,
      client_secret: this.clientSecret,
      redirect_uri: this.getRedirectUri(),
      grant_type: 'authorization_code',
    };

    if (parameters.codeVerifier_) {
      payload.code_verifier = parameters.codeVerifier_;
    }

    this.saveToken_(this.fetchToken_(payload));

    return true;
  }

  /**
   * Tells whether a usable token exists, refreshing it or running the JWT or custom grant
   * when it is missing or expired. A valid token in memory, cache or properties returns true
   * with no lock and no request. Otherwise the lock is taken and the token is read again past
   * the memory copy, because another execution may have refreshed it meanwhile. A failed
   * request is stored for `getLastError()` and returns false, and the stored token stays.
   * A lock wait that times out throws.
   */
  hasAccess(): boolean {
    const token = this.getToken_();

    if (token && !this.isExpired_(token)) return true;

    const canGetToken = (token && this.canRefresh_(token)) || this.privateKey || this.grantType;

    if (!canGetToken) return false;

    return this.lockable_(() => {
      const storedToken = this.getToken_(true);

      if (storedToken && !this.isExpired_(storedToken)) return true;

      try {
        if (storedToken && this.canRefresh_(storedToken)) {
          this.refresh();

          return true;
        }

        if (this.privateKey) {
          this.exchangeJwt_();

          return true;
        }

        if (this.grantType) {
          this.exchangeGrant_();

          return true;
        }

        return false;
      } catch (error) {
        this.lastError = error;

        return false;
      }
    });
  }

  /** Returns the access token after `hasAccess()`, or throws "Access not granted or expired." when that is false. */
  getAccessToken(): string {
    if (!this.hasAccess()) throw this.createError('Error', 'Access not granted or expired.');

    return this.getToken_()?.access_token as string;
  }

  /** Returns the ID token after `hasAccess()`, or throws "Access not granted or expired." when that is false. */
  getIdToken(): string | undefined {
    if (!this.hasAccess()) throw this.createError('Error', 'Access not granted or expired.');

    return this.getToken_()?.id_token;
  }

  /** Removes the token and every other value stored for this service, from properties, cache and memory. */
  reset(): void {
    this.getStorage().reset();
  }

  /** Returns the error of the last failed refresh or grant inside `hasAccess()` in this execution. */
  getLastError(): unknown {
    return this.lastError;
  }

  /**
   * Exchanges the refresh token for a new token and saves it before returning. The token is
   * read from the memory copy first, so call this only on a service object created after the
   * last refresh. A response without a refresh token keeps the old one.
   */
  refresh(): void {
    validateRequired({ 'Client ID': this.clientId, 'Token URL': this.tokenUrl }, this.createError);
    this.lockable_(() => {
      const token = this.getToken_();

      if (token === null) {
        // The library reads token.refresh_token here, so a missing token fails with V8's TypeError.
        throw this.createError('TypeError', "Cannot read properties of null (reading 'refresh_token')");
      }

      if (!token.refresh_token) throw this.createError('Error', 'Offline access is required.');

      const payload = {
        refresh_token: token.refresh_token,
        client_id: this.clientId,
        client_secret: this.clientSecret,
        grant_type: 'refresh_token',
      };
      const newToken = this.fetchToken_(payload, this.refreshUrl);

      if (!newToken.refresh_token) {
        newToken.refresh_token = token.refresh_token;
      }

      this.ensureExpiresAtSet_(token);

      if (newToken.refreshTokenExpiresAt === undefined) {
        newToken.refreshTokenExpiresAt = token.refreshTokenExpiresAt;
      }

      this.saveToken_(newToken);
    });
  }

  /** Runs the service account flow: posts a signed JWT with the jwt-bearer grant and saves the token. */
  exchangeJwt_(): void {
    validateRequired({ 'Token URL': this.tokenUrl }, this.createError);
    const payload = {
      assertion: this.createJwt_(),
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
    };
    this.saveToken_(this.fetchToken_(payload));
  }

  createJwt_(): string {
    validateRequired(
      {
        'Private key': this.privateKey,
        'Token URL': this.tokenUrl,
        'Issuer or Client ID': this.issuer || this.clientId,
      },
      this.createError,
    );
    const nowMilliseconds = this.context.env.now();
    const expiresMilliseconds = nowMilliseconds + this.expirationMinutes * 60 * 1000;
    const claims: Record<string, unknown> = {
      iss: this.issuer || this.clientId,
      aud: this.tokenUrl,
      exp: Math.round(expiresMilliseconds / 1000),
      iat: Math.round(nowMilliseconds / 1000),
    };

    if (this.subject) {
      claims.sub = this.subject;
    }

    if (this.params.scope) {
      claims.scope = this.params.scope;
    }

    Object.assign(claims, this.additionalClaims ?? {});

    return encodeJwt(claims, String(this.privateKey));
  }

  /**
   * Requests a token with the custom grant type: `grant_type` plus the `setParam` values,
   * with no client ID or secret in the body. For `client_credentials` with a client ID and
   * secret, adds a Basic Authorization header unless one is set.
   */
  exchangeGrant_(): void {
    validateRequired({ 'Grant Type': this.grantType, 'Token URL': this.tokenUrl }, this.createError);
    const payload: Record<string, unknown> = { grant_type: this.grantType, ...this.params };
    const headerNames = Object.keys(this.tokenHeaders ?? {}).map((name) => name.toLowerCase());

    if (
      this.grantType === 'client_credentials' &&
      this.clientId &&
      this.clientSecret &&
      !headerNames.includes('authorization')
    ) {
      const credentials = this.context.env.Utilities.base64Encode(this.clientId + ':' + this.clientSecret);
      this.tokenHeaders = this.tokenHeaders ?? {};
      this.tokenHeaders.authorization = 'Basic ' + credentials;
    }

    this.saveToken_(this.fetchToken_(payload));
  }
}

/** Appends URL-encoded parameters to `url`, after `?` or, when it has a query, after `&`. */
function buildUrl(url: string, params: Record<string, unknown>): string {
  const query = Object.keys(params)
    .map((name) => encodeURIComponent(name) + '=' + encodeURIComponent(String(params[name])))
    .join('&');

  return url + (url.includes('?') ? '&' : '?') + query;
}
