// JWT and PKCE helpers of the OAuth2 stand-in. The library computes these with Apps Script's
// Utilities. The stand-in uses node:crypto, so it does not depend on the runtime implementing
// computeRsaSha256Signature or computeDigest, and produces the same strings.
import { createHash, createSign, randomBytes } from 'node:crypto';

import type { CreateError } from './errors';

/** Encodes like Apps Script's `Utilities.base64EncodeWebSafe`: URL-safe alphabet, with padding. */
export function encodeBase64WebSafe(data: string | Buffer): string {
  return Buffer.from(data).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
}

/** Encodes and signs a JWT with RS256, as the library does for the service account flow. */
export function encodeJwt(payload: Record<string, unknown>, privateKeyPem: string): string {
  const header = { alg: 'RS256', typ: 'JWT' };
  const signingInput =
    encodeBase64WebSafe(JSON.stringify(header)) + '.' + encodeBase64WebSafe(JSON.stringify(payload));
  const signature = createSign('RSA-SHA256').update(signingInput).sign(privateKeyPem);

  return signingInput + '.' + encodeBase64WebSafe(signature);
}

/** Decodes the payload of a JWT without verifying its signature. */
export function decodeJwtPayload(jwt: string): { exp?: number } {
  const payload = jwt.split('.')[1] ?? '';

  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: number };
}

/** Creates a PKCE code verifier: 32 random bytes, URL-safe base64 without padding (43 characters). */
export function createCodeVerifier(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Computes the PKCE code challenge for `method` ("S256" or "plain", in any case), as in
 * RFC 7636 section 4.2. Throws "Unsupported challenge method: <method>" for any other method.
 */
export function encodeCodeChallenge(method: string, codeVerifier: string, createError: CreateError): string {
  const normalizedMethod = method.toLowerCase();

  if (normalizedMethod === 'plain') return codeVerifier;

  if (normalizedMethod === 's256') {
    return createHash('sha256').update(codeVerifier, 'ascii').digest('base64url');
  }

  throw createError('Error', 'Unsupported challenge method: ' + normalizedMethod);
}
