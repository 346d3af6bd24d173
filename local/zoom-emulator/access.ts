// Access control of the REST API: bearer-token checks, per-endpoint scope checks (classic and
// granular, from Zoom's Meetings API reference), the admin and paid-plan requirements of report
// endpoints, and the meetings a caller can see.
import { ZoomError } from './errors';
import { bearerToken, type EmulatorRequest } from './exchange';
import type { EmulatedMeeting, EmulatedUser } from './model';
import type { EmulatorState } from './state';

export type RouteName =
  | 'user'
  | 'userMeetings'
  | 'reportUserMeetings'
  | 'pastMeetingInstances'
  | 'pastMeetingParticipants'
  | 'pastMeetingDetails'
  | 'reportMeetingParticipants'
  | 'reportMeetingDetails'
  | 'reportWebinarParticipants'
  | 'reportWebinarDetails'
  | 'pastWebinarParticipants'
  | 'pastWebinarInstances'
  | 'pastWebinarAbsentees';

interface EndpointRule {
  classic: string[];
  granular: string[];
  /** Report endpoints need an admin user with the Usage Reports permission. */
  adminOnly: boolean;
  /** Rejects the basic plan with 400 code 200 "Only available for paid account". */
  paidPlan: boolean;
}

function userLevel(classic: string, granular: string, paidPlan = false): EndpointRule {
  return { classic: [classic, `${classic}:admin`], granular: [granular, `${granular}:admin`], adminOnly: false, paidPlan };
}

function reportLevel(granular: string): EndpointRule {
  return { classic: ['report:read:admin'], granular: [granular], adminOnly: true, paidPlan: true };
}

export const ENDPOINT_RULES: Record<RouteName, EndpointRule> = {
  user: userLevel('user:read', 'user:read:user'),
  userMeetings: userLevel('meeting:read', 'meeting:read:list_meetings'),
  reportUserMeetings: reportLevel('report:read:user:admin'),
  pastMeetingInstances: userLevel('meeting:read', 'meeting:read:list_past_instances'),
  pastMeetingParticipants: userLevel('meeting:read', 'meeting:read:list_past_participants', true),
  pastMeetingDetails: userLevel('meeting:read', 'meeting:read:past_meeting'),
  reportMeetingParticipants: reportLevel('report:read:list_meeting_participants:admin'),
  reportMeetingDetails: reportLevel('report:read:meeting:admin'),
  reportWebinarParticipants: reportLevel('report:read:list_webinar_participants:admin'),
  reportWebinarDetails: reportLevel('report:read:webinar:admin'),
  pastWebinarParticipants: userLevel('webinar:read', 'webinar:read:list_past_participants', true),
  pastWebinarInstances: userLevel('webinar:read', 'webinar:read:list_past_instances'),
  pastWebinarAbsentees: userLevel('webinar:read', 'webinar:read:list_absentees'),
};

export interface Caller {
  /** The signed-in user of a user-app token; undefined for an account (Server-to-Server) token. */
  user?: EmulatedUser;
  accountId: string;
  scopes: string[];
  /** True when the token contains one of the endpoint's `:admin` scopes. */
  adminScope: boolean;
}

/** Authenticates the bearer token and checks the endpoint's scopes, admin role and plan. */
export function authorizeCall(state: EmulatorState, request: EmulatorRequest, route: RouteName): Caller {
  if (request.query.access_token !== undefined) {
    throw new ZoomError(401, 124, 'Invalid access token, this access token is not supported as query parameter string.');
  }

  const value = bearerToken(request.headers);
  const check = value === undefined ? undefined : state.tokens.checkAccessToken(value, request.now);

  if (!check || (!check.valid && check.reason === 'invalid')) throw new ZoomError(401, 124, 'Invalid access token.');

  if (!check.valid) throw new ZoomError(401, 124, 'Access token is expired.');

  const { grant } = check.token;
  const rule = ENDPOINT_RULES[route];
  const allowed = [...rule.classic, ...rule.granular];

  // NOTE: the message lists the granular scopes, as the 4711 bodies developers reported do; whether
  // Zoom also lists classic scopes for some endpoints is not verified.
  if (!grant.scopes.some((scope) => allowed.includes(scope))) {
    throw new ZoomError(400, 4711, `Invalid access token, does not contain scopes:[${rule.granular.join(', ')}].`);
  }

  const user = grant.userId === undefined ? undefined : state.user(grant.userId);

  if (grant.userId !== undefined && !user) throw new ZoomError(404, 1001, `User does not exist: ${grant.userId}.`);

  if (rule.adminOnly && user && !user.admin) throw new ZoomError(400, 200, 'No permission.');

  if (rule.paidPlan && accountPlan(state, grant.accountId, user) === 'basic') {
    throw new ZoomError(400, 200, `Only available for paid account: ${grant.accountId}.`);
  }

  const adminScope = grant.scopes.some((scope) => scope.endsWith(':admin') && allowed.includes(scope));

  return { user, accountId: grant.accountId, scopes: grant.scopes, adminScope };
}

/** Returns the plan of the caller's account: the user's own plan, or for an account token its users' plan. */
function accountPlan(state: EmulatorState, accountId: string, user: EmulatedUser | undefined): EmulatedUser['plan'] {
  if (user) return user.plan;

  return state.users.find((candidate) => candidate.accountId === accountId)?.plan ?? 'basic';
}

/**
 * Whether the caller may read this meeting: its host, an account token of the host's account, or an
 * admin of that account whose token contains an `:admin` scope of the endpoint.
 */
export function canReadMeeting(state: EmulatorState, caller: Caller, meeting: EmulatedMeeting): boolean {
  const host = state.user(meeting.hostId);

  if (!host || host.accountId !== caller.accountId) return false;

  if (!caller.user) return true;

  if (caller.user.id === host.id) return true;

  return caller.user.admin && caller.adminScope;
}

/**
 * Resolves the `userId` path parameter: `me`, a user ID or an email.
 * For an account token `me` means the account's first admin.
 * NOTE: Zoom's response to `me` with a Server-to-Server token is not verified.
 */
export function resolveUser(state: EmulatorState, caller: Caller, userIdParam: string): EmulatedUser {
  const requestedEmail = userIdParam.toLowerCase();
  const user =
    userIdParam === 'me'
      ? (caller.user ?? state.users.find((candidate) => candidate.accountId === caller.accountId && candidate.admin))
      : state.users.find((candidate) => candidate.id === userIdParam || candidate.email.toLowerCase() === requestedEmail);

  if (!user) throw new ZoomError(404, 1001, `User does not exist: ${userIdParam}.`);

  if (user.accountId !== caller.accountId) {
    throw new ZoomError(400, 1010, `User does not belong to this account:${caller.accountId}.`);
  }

  const self = caller.user?.id === user.id;

  if (caller.user && !self && !(caller.user.admin && caller.adminScope)) throw new ZoomError(400, 200, 'No permission.');

  return user;
}
