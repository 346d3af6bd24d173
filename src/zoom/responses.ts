/**
 * Turns Zoom's error responses into AddonErrors with the wording shown to the user. Zoom returns an
 * error as an HTTP status plus a body {code, message}: the status gives the kind, the code the case.
 * https://developers.zoom.us/docs/api/errors/
 */
import { AddonError, MESSAGES } from '../errors';

export interface ZoomErrorBody {
  code?: number;
  message?: string;
}

export function parseErrorBody(text: string): ZoomErrorBody {
  try {
    const body: unknown = JSON.parse(text);

    if (body === null || typeof body !== 'object') return {};

    const { code, message } = body as Record<string, unknown>;

    return {
      ...(typeof code === 'number' ? { code } : {}),
      ...(typeof message === 'string' ? { message } : {}),
    };
  } catch {
    return {};
  }
}

/** Reads the scope list of "Invalid access token, does not contain scopes:[a, b]." */
export function parseMissingScopes(message: string): string[] {
  const match = /scopes:?\s*\[([^\]]*)\]/i.exec(message);

  if (match?.[1] === undefined) return [];

  return match[1]
    .split(',')
    .map((scope) => scope.trim())
    .filter((scope) => scope !== '');
}

/**
 * Maps one non-2xx Zoom response to an AddonError. 401 (code 124) and 429 are handled by the caller's
 * retry logic before they get here; here they are final.
 */
export function errorFromResponse(
  method: string,
  path: string,
  status: number,
  body: ZoomErrorBody,
): AddonError {
  const message = body.message ?? '';
  const details = { status, path, ...(body.code === undefined ? {} : { zoomCode: body.code }) };

  if (body.code === 4711 || body.code === 4700) {
    const scopes = parseMissingScopes(message);

    return new AddonError('ZOOM_SCOPE_MISSING', MESSAGES.scopeMissing(scopes.length > 0 ? scopes : ['a required scope']), {
      ...details,
      scopes,
    });
  }

  if (status === 401) return new AddonError('ZOOM_DISCONNECTED', MESSAGES.disconnected, details);

  if (body.code === 200) {
    const isPlan = /paid|plan|business|webinar|zmp/i.test(message);
    const remedy = path.startsWith('/report/')
      ? 'the Zoom user needs the Usage Reports permission, or the meeting belongs to another account'
      : 'the meeting belongs to another Zoom user or account; connect the Zoom account that hosted it';

    return isPlan
      ? new AddonError('ZOOM_PLAN_UNSUPPORTED', MESSAGES.planUnsupported, details)
      : new AddonError('ZOOM_NO_PERMISSION', `Zoom answered "No permission" for ${method} ${path}: ${remedy}`, details);
  }

  if (body.code === 1001) {
    return new AddonError(
      'ZOOM_ERROR',
      `Zoom does not know the user of ${path} (${message}): reconnect with the Zoom account that ` +
        'hosts the meetings',
      details,
    );
  }

  if (body.code === 3001 && /not end/i.test(message)) {
    return new AddonError('MEETING_NOT_ENDED', MESSAGES.pending, details);
  }

  if (body.code === 3001 || status === 404) {
    return new AddonError(
      'MEETING_NOT_FOUND',
      `Zoom has no ended meeting or webinar for ${path} (${message || `status ${status}`}): check the ` +
        'meeting ID, and that the connected Zoom user hosted it',
      details,
    );
  }

  if (body.code === 12702) return new AddonError('MEETING_TOO_OLD', MESSAGES.tooOld, details);

  if (body.code === 300 && /next page token/i.test(message)) {
    return new AddonError('PAGE_TOKEN_EXPIRED', `Zoom's page token expired while reading ${path}; nothing was changed, try again`, details);
  }

  if (body.code === 300 && /cannot access meeting/i.test(message)) {
    return new AddonError(
      'ZOOM_NO_PERMISSION',
      `Zoom cannot share this meeting's information (${message}): connect the Zoom account that hosted it, or ask an admin of its account`,
      details,
    );
  }

  if (status === 429) {
    return new AddonError('RATE_LIMITED', `Zoom kept answering "too many requests" for ${path}; nothing was changed, try again in a few minutes`, details);
  }

  if (status >= 500) {
    return new AddonError('ZOOM_SERVER_ERROR', MESSAGES.network(`Zoom answered ${status}`), details);
  }

  return new AddonError(
    'ZOOM_ERROR',
    `Zoom answered ${status}${body.code === undefined ? '' : ` (code ${body.code})`} for ${method} ` +
      `${path}: ${message || 'no message'}`,
    details,
  );
}
