// Ready-made apps and users for emulator seeds: a user-managed OAuth app, a Server-to-Server app,
// a teacher (paid plan, not an admin), an account admin and a user on the basic plan, all in one account.
import type { EmulatedApp, EmulatedMeeting, EmulatedUser, EmulatorSeed } from '../zoom-emulator/model';
import { DEFAULT_HOST_EMAIL, DEFAULT_HOST_ID } from './generators';

export const ACCOUNT_ID = 'aBcDeFgHiJkLmNoPqRsTuV';
export const LOCAL_SCRIPT_ID = '1LocalScriptIdForTheOfflineRuntime0123456789';
export const LOCAL_REDIRECT_URI = `https://script.google.com/macros/d/${LOCAL_SCRIPT_ID}/usercallback`;

/**
 * Granular scopes of the add-on's test app: user-level reads plus the report admin scopes.
 * NOTE: a real Zoom app is either user-managed (user-level scopes) or admin-managed (admin-level
 * scopes), never both; one seed serves the tests of hosts and of admins, and a non-admin's token
 * still gets only the user-level ones.
 */
export const USER_APP_SCOPES = [
  'user:read:user',
  'meeting:read:list_meetings',
  'meeting:read:list_past_instances',
  'meeting:read:past_meeting',
  'meeting:read:list_past_participants',
  'webinar:read:list_past_instances',
  'webinar:read:list_past_participants',
  'webinar:read:list_absentees',
  'report:read:list_meeting_participants:admin',
  'report:read:meeting:admin',
  'report:read:user:admin',
  'report:read:list_webinar_participants:admin',
  'report:read:webinar:admin',
];

export const USER_APP: EmulatedApp = {
  clientId: 'LocalUserAppClientId',
  clientSecret: 'local-user-app-client-secret',
  kind: 'user',
  redirectUris: [LOCAL_REDIRECT_URI],
  scopes: USER_APP_SCOPES,
};

export const ACCOUNT_APP: EmulatedApp = {
  clientId: 'LocalAccountAppClientId',
  clientSecret: 'local-account-app-client-secret',
  kind: 'account',
  redirectUris: [],
  scopes: [
    'user:read:user:admin',
    'meeting:read:list_meetings:admin',
    'meeting:read:list_past_instances:admin',
    'meeting:read:past_meeting:admin',
    'meeting:read:list_past_participants:admin',
    'webinar:read:list_past_instances:admin',
    'webinar:read:list_past_participants:admin',
    'webinar:read:list_absentees:admin',
    'report:read:list_meeting_participants:admin',
    'report:read:meeting:admin',
    'report:read:user:admin',
    'report:read:list_webinar_participants:admin',
    'report:read:webinar:admin',
  ],
  accountId: ACCOUNT_ID,
};

/** The host of the generated meetings: a teacher on the pro plan who is not an admin. */
export const TEACHER: EmulatedUser = {
  id: DEFAULT_HOST_ID,
  email: DEFAULT_HOST_EMAIL,
  firstName: 'Riley',
  lastName: 'Host',
  accountId: ACCOUNT_ID,
  plan: 'pro',
  admin: false,
  timezone: 'Europe/London',
};

export const ADMIN: EmulatedUser = {
  id: 'Ad9mInUsErIdAbCdEfGhIj',
  email: 'morgan.admin@example.edu',
  firstName: 'Morgan',
  lastName: 'Admin',
  accountId: ACCOUNT_ID,
  plan: 'business',
  admin: true,
  timezone: 'America/New_York',
};

/** A user of another account on the basic plan, so reports and participant lists fail with code 200. */
export const BASIC_USER: EmulatedUser = {
  id: 'BaSiCuSeRiDaBcDeFgHiJk',
  email: 'sam.basic@example.org',
  firstName: 'Sam',
  lastName: 'Basic',
  accountId: 'fReEaCcOuNtIdAbCdEfGhI',
  plan: 'basic',
  admin: false,
};

/** Builds a seed with both apps, the three users and the given meetings, in which the teacher approves consent. */
export function standardSeed(meetings: EmulatedMeeting[] = []): EmulatorSeed {
  return {
    apps: [USER_APP, ACCOUNT_APP],
    users: [TEACHER, ADMIN, BASIC_USER],
    meetings,
    consent: { userId: TEACHER.id, decision: 'approve' },
  };
}
