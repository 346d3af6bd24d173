/**
 * The add-on's error type and the one wording of every state and failure the user can see, so the
 * sidebar, the prompt, the import result and the sync log use the same words.
 */

export type AddonErrorCode =
  | 'SETUP_INCOMPLETE'
  | 'INVALID_INPUT'
  | 'ZOOM_NOT_CONNECTED'
  | 'ZOOM_DISCONNECTED'
  | 'ZOOM_SCOPE_MISSING'
  | 'ZOOM_PLAN_UNSUPPORTED'
  | 'ZOOM_NO_PERMISSION'
  | 'MEETING_NOT_FOUND'
  | 'MEETING_NOT_ENDED'
  | 'MEETING_TOO_OLD'
  | 'NOT_MEETING_HOST'
  | 'RATE_LIMITED'
  | 'DAILY_LIMIT'
  | 'URLFETCH_QUOTA'
  | 'NETWORK'
  | 'ZOOM_SERVER_ERROR'
  | 'PAGE_TOKEN_EXPIRED'
  | 'PAGINATION_LOOP'
  | 'ZOOM_ERROR'
  | 'SYNC_RUNNING'
  | 'IMPORT_CANCELLED';

export interface AddonErrorDetails {
  status?: number;
  zoomCode?: number;
  path?: string;
  scopes?: string[];
  retryAt?: string;
  meetingId?: string;
}

export class AddonError extends Error {
  readonly code: AddonErrorCode;
  readonly details: AddonErrorDetails;

  constructor(code: AddonErrorCode, message: string, details: AddonErrorDetails = {}) {
    super(message);
    this.name = 'AddonError';
    this.code = code;
    this.details = details;
  }
}

export function isAddonError(error: unknown, code?: AddonErrorCode): error is AddonError {
  if (!(error instanceof AddonError)) return false;

  return code === undefined || error.code === code;
}

export const MESSAGES = {
  setupIncomplete: (missing: string[], redirectUrl: string): string =>
    `Setup incomplete: set ${missing.join(' and ')} in Script Properties, and register this ` +
    `redirect URL in the Zoom app: ${redirectUrl}`,
  notConnected: 'Not connected',
  connected: (name: string, email: string, mode: 'user' | 'account'): string =>
    `Connected as ${name} (${email}), ${mode} mode`,
  disconnected: 'Zoom disconnected: open the add-on and reconnect',
  scopeMissing: (scopes: string[]): string =>
    `Zoom did not grant ${scopes.join(' or ')}: add it to the Zoom app, then reconnect`,
  planUnsupported: 'This Zoom plan does not include participant reports',
  pending: 'Pending: Zoom has not finished the report; try again in an hour',
  noReport: 'No report available',
  tooOld: 'Zoom keeps reports for about a year; this meeting is older',
  dailyLimit: (retryAt: string): string =>
    `Zoom's daily limit is reached; the next run continues after ${retryAt}`,
  retryAfter: (retryAt: string): string =>
    `Zoom asked to wait before the next request; the next run continues after ${retryAt}`,
  network: (reason: string): string =>
    `Could not reach Zoom (${reason}); nothing was changed, try again`,
} as const;
