// The setters of an OAuth2 service, as in the apps-script-oauth2 library, version 43. Each
// stores one value and returns the service for chaining. The flows that use them are in
// service.ts.
import type { CreateError } from './errors';
import { createCodeVerifier } from './signing';
import { TOKEN_FORMAT } from './token';

/** A function that may change the payload of a token request before it is sent. */
export type TokenPayloadHandler = (payload: GoogleAppsScriptOAuth2.TokenPayload) => object;

/** Throws "<name> is required." for the first value that is missing or empty. */
export function validateRequired(values: Record<string, unknown>, createError: CreateError): void {
  for (const [name, value] of Object.entries(values)) {
    if (!value) throw createError('Error', name + ' is required.');
  }
}

export class OAuth2ServiceConfiguration {
  protected readonly serviceName: string;
  /** Parameters added to the authorization URL, and to the payload of a custom grant. */
  protected readonly params: Record<string, string> = {};
  protected tokenFormat: string = TOKEN_FORMAT.JSON;
  protected tokenHeaders: Record<string, string> | null = null;
  protected tokenMethod = 'post';
  protected expirationMinutes = 60;
  protected authorizationBaseUrl: string | undefined;
  protected tokenUrl: string | undefined;
  protected refreshUrl: string | undefined;
  protected tokenPayloadHandler: TokenPayloadHandler | undefined;
  protected callbackFunctionName: string | undefined;
  protected clientId: string | undefined;
  protected clientSecret: string | undefined;
  protected propertyStore: GoogleAppsScript.Properties.Properties | undefined;
  protected cache: GoogleAppsScript.Cache.Cache | undefined;
  protected lock: GoogleAppsScript.Lock.Lock | undefined;
  protected privateKey: string | undefined;
  protected issuer: string | undefined;
  protected additionalClaims: Record<string, string> | undefined;
  protected subject: string | undefined;
  protected grantType: string | undefined;
  protected redirectUri: string | undefined;
  protected codeVerifier: string | undefined;
  protected codeChallengeMethod: string | undefined;

  constructor(
    serviceName: string,
    protected readonly createError: CreateError,
  ) {
    validateRequired({ 'Service name': serviceName }, createError);
    this.serviceName = serviceName;
  }

  setAuthorizationBaseUrl(authorizationBaseUrl: string): this {
    this.authorizationBaseUrl = authorizationBaseUrl;

    return this;
  }

  setTokenUrl(tokenUrl: string): this {
    this.tokenUrl = tokenUrl;

    return this;
  }

  /** Sets the URL used for refresh requests in place of the token URL. */
  setRefreshUrl(refreshUrl: string): this {
    this.refreshUrl = refreshUrl;

    return this;
  }

  /** Sets the body format of token responses, and the Accept header of token requests. */
  setTokenFormat(tokenFormat: GoogleAppsScriptOAuth2.TokenFormat | string): this {
    this.tokenFormat = tokenFormat;

    return this;
  }

  /** Sets headers added to every token request, for example a Basic Authorization header. */
  setTokenHeaders(tokenHeaders: Record<string, string>): this {
    this.tokenHeaders = tokenHeaders;

    return this;
  }

  setTokenMethod(tokenMethod: string): this {
    this.tokenMethod = tokenMethod;

    return this;
  }

  /** Sets the PKCE code verifier, and the S256 challenge method unless one was set. */
  setCodeVerififer(codeVerifier: string): this {
    this.codeVerifier = codeVerifier;

    if (!this.codeChallengeMethod) {
      this.codeChallengeMethod = 'S256';
    }

    return this;
  }

  /** Sets a random PKCE code verifier. */
  generateCodeVerifier(): this {
    return this.setCodeVerififer(createCodeVerifier());
  }

  setCodeChallengeMethod(method: GoogleAppsScriptOAuth2.CodeChallengeMethod | string): this {
    this.codeChallengeMethod = method;

    return this;
  }

  setTokenPayloadHandler(tokenPayloadHandler: TokenPayloadHandler): this {
    this.tokenPayloadHandler = tokenPayloadHandler;

    return this;
  }

  /** Sets the name of the top-level function that the state token calls after authorization. */
  setCallbackFunction(callbackFunctionName: string): this {
    this.callbackFunctionName = callbackFunctionName;

    return this;
  }

  setClientId(clientId: string): this {
    this.clientId = clientId;

    return this;
  }

  setClientSecret(clientSecret: string): this {
    this.clientSecret = clientSecret;

    return this;
  }

  /** Sets the property store that keeps the token across executions. */
  setPropertyStore(propertyStore: GoogleAppsScript.Properties.Properties): this {
    this.propertyStore = propertyStore;

    return this;
  }

  setCache(cache: GoogleAppsScript.Cache.Cache): this {
    this.cache = cache;

    return this;
  }

  /** Sets the lock taken around refreshes and grants, so concurrent executions refresh once. */
  setLock(lock: GoogleAppsScript.Lock.Lock): this {
    this.lock = lock;

    return this;
  }

  /** Sets the `scope` parameter, joining an array of scopes with `separator` (default: a space). */
  setScope(scope: string | readonly string[], separator?: string): this {
    const scopeSeparator = separator || ' ';
    this.params.scope = typeof scope === 'string' ? scope : scope.join(scopeSeparator);

    return this;
  }

  /** Sets a parameter of the authorization URL, also sent in the payload of a custom grant. */
  setParam(name: string, value: string): this {
    this.params[name] = value;

    return this;
  }

  /** Sets the PEM private key of the service account (JWT bearer) flow. */
  setPrivateKey(privateKey: string): this {
    this.privateKey = privateKey;

    return this;
  }

  setIssuer(issuer: string): this {
    this.issuer = issuer;

    return this;
  }

  setAdditionalClaims(additionalClaims: Record<string, string>): this {
    this.additionalClaims = additionalClaims;

    return this;
  }

  setSubject(subject: string): this {
    this.subject = subject;

    return this;
  }

  /**
   * Sets the lifetime of a service account JWT, in minutes. The typings declare a string,
   * so the value is converted with Number().
   */
  setExpirationMinutes(expirationMinutes: string | number): this {
    this.expirationMinutes = Number(expirationMinutes);

    return this;
  }

  /** Sets the grant type that `hasAccess()` requests when there is no token to refresh. */
  setGrantType(grantType: string): this {
    this.grantType = grantType;

    return this;
  }

  setRedirectUri(redirectUri: string): this {
    this.redirectUri = redirectUri;

    return this;
  }
}
