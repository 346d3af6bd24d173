// Answers of injected faults. Rate-limit bodies and headers follow Zoom's rate-limit documentation
// as summarised in Zoom's developer plugin: 429 with code 429, `X-RateLimit-Type: QPS` or
// `Daily-limit`, and for the daily limit `Retry-After` as an ISO date
// (https://developers.zoom.us/docs/api/rate-limits/).
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

/** The response of an answering fault; undefined for `drop-connection` and `slow`, which the server handles. */
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
