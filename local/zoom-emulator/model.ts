// Data model of the Zoom emulator: what a seed contains, fault rules and the request log.
// Times are ISO 8601 strings in UTC. The emulator returns them without milliseconds, as Zoom does.

export interface EmulatorSeed {
  apps: EmulatedApp[];
  users: EmulatedUser[];
  meetings: EmulatedMeeting[];
  /** The Zoom user signed in at /oauth/authorize, and whether they approve the consent screen. */
  consent?: { userId: string; decision: 'approve' | 'deny' };
  /** Lifetime of issued access tokens. Zoom's token responses show 3599 or 3600. */
  accessTokenLifetimeSeconds?: number;
}

/** A Zoom Marketplace app. `account` is a Server-to-Server OAuth app bound to one account. */
export interface EmulatedApp {
  clientId: string;
  clientSecret: string;
  kind: 'user' | 'account';
  redirectUris: string[];
  scopes: string[];
  accountId?: string;
}

export interface EmulatedUser {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  accountId: string;
  plan: 'basic' | 'pro' | 'business';
  admin: boolean;
  timezone?: string;
}

export interface EmulatedMeeting {
  id: number;
  kind: 'meeting' | 'webinar';
  hostId: string;
  topic: string;
  /** Zoom meeting type: 1 instant, 2 scheduled, 3 recurring without fixed time, 8 recurring with fixed time; webinars 5, 6, 9. */
  type: number;
  occurrences: EmulatedOccurrence[];
  registrationRequired?: boolean;
}

export interface EmulatedOccurrence {
  uuid: string;
  startTime: string;
  /** null while the occurrence is still running. */
  endTime: string | null;
  sessions: EmulatedSession[];
  /**
   * State of Zoom's report. `not-ended` returns 404 code 3001 "not end", `empty-times` returns details with empty
   * times and no participants, `zero-durations` returns participants with duration 0. Default `ready`.
   */
  report?: 'ready' | 'not-ended' | 'empty-times' | 'zero-durations';
  /** Registrants of a registration-required webinar who did not attend. */
  absentees?: Array<{ email: string; firstName: string; lastName: string }>;
}

/** One join session. Zoom returns one participant record per session. */
export interface EmulatedSession {
  /** Per-session participant ID (`user_id` in records), new for every join. */
  userId: string;
  /** The person's universal Zoom user ID; '' (or absent) when not signed in. */
  participantUserId?: string;
  name: string;
  /** Absent: the record has no `user_email` field; null: `user_email: null`; '': empty. */
  email?: string | null;
  registrantId?: string;
  joinTime: string;
  leaveTime: string;
  status?: 'in_meeting' | 'in_waiting_room';
  breakoutRoomId?: string;
  internalUser?: boolean;
  customerKey?: string;
  failover?: boolean;
}

interface FaultMatch {
  method?: string;
  /** Regular expression tested against the decoded path, e.g. '^/v2/report/meetings/.+/participants$'. */
  path: string;
  /** Only the Nth page request of a listing (1-based): a request without next_page_token is page 1. */
  page?: number;
  /** Number of matching requests the rule fires on before it is spent; default 1. */
  times?: number;
}

export type FaultAction =
  | { kind: 'rate-limit-per-second'; retryAfterSeconds?: number }
  | { kind: 'rate-limit-daily'; retryAt: string }
  | { kind: 'server-error'; status: 500 | 502 | 503 | 504 }
  | { kind: 'drop-connection' }
  | { kind: 'slow'; delayMilliseconds: number }
  | { kind: 'token-expired' }
  | { kind: 'page-token-expired' }
  | { kind: 'response'; status: number; body: unknown; headers?: Record<string, string> };

export type FaultRule = FaultMatch & FaultAction;

/** One request the emulator received. Secrets and tokens are never recorded, only whether they were present. */
export interface RecordedRequest {
  method: string;
  rawPath: string;
  /** The path as Zoom's router matches it: percent-decoded once, runs of '/' collapsed. */
  path: string;
  query: Record<string, string>;
  form: Record<string, string>;
  /** Client ID of the HTTP Basic credentials, when present. */
  basicClientId?: string;
  bearer: boolean;
  accessTokenValid?: boolean;
  /** HTTP status of the response; 0 when the connection was dropped. */
  status: number;
  /** Emulator clock at the request, epoch milliseconds. */
  at: number;
}
