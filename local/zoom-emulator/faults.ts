// Responses of injected faults. A rate limit is a 429 with body code 429 and `X-RateLimit-Type: QPS`
// or `Daily-limit`. The daily limit adds `Retry-After` as an ISO date. Bodies and headers follow
// secondary summaries of Zoom's rate-limit page, because Zoom's own table of them was not available.
import { jsonResponse, type EmulatorResponse } from './exchange';
import type { FaultRule } from './model';

export const PER_SECOND_LIMIT_MESSAGE = 'You have reached the maximum per-second rate limit for this API. Try again later.';
export const DAILY_LIMIT_MESSAGE =
  'You have reached the maximum daily rate limit for this API. Refer to the response header for details on when you can make another request.';

const SERVER_ERROR_MESSAGES: Record<number, string> = {
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** Builds the response of a fault rule, or undefined for `drop-connection` and `slow`, which the server handles. */
export function faultResponse(rule: FaultRule): EmulatorResponse | undefined {
  switch (rule.kind) {
    case 'rate-limit-per-second': {
      const headers: Record<string, string> = { 'X-RateLimit-Type': 'QPS' };

      if (rule.retryAfterSeconds !== undefined) headers['Retry-After'] = String(rule.retryAfterSeconds);

      return jsonResponse(429, { code: 429, message: PER_SECOND_LIMIT_MESSAGE }, headers);
    }

    case 'rate-limit-daily':
      return jsonResponse(
        429,
        { code: 429, message: DAILY_LIMIT_MESSAGE },
        { 'X-RateLimit-Type': 'Daily-limit', 'Retry-After': rule.retryAt },
      );
    case 'server-error':
      return jsonResponse(rule.status, { code: rule.status, message: SERVER_ERROR_MESSAGES[rule.status] });
    case 'token-expired':
      return jsonResponse(401, { code: 124, message: 'Access token is expired.' });
    case 'page-token-expired':
      return jsonResponse(400, { code: 300, message: 'The next page token is invalid or expired.' });
    case 'response':
      return rule.headers ? { status: rule.status, json: rule.body, headers: rule.headers } : { status: rule.status, json: rule.body };
    case 'drop-connection':
    case 'slow':
      return undefined;
  }
}
