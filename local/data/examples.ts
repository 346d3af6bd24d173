// Builds one consistent emulated meeting from Zoom's published example payloads (zoom-examples/*.json,
// assembled from the per-field examples of Zoom's Meetings API reference). The examples disagree with
// each other (dates, UUIDs, counts, IDs), so this keeps:
// - the meeting's id, uuid, topic and host from past-meetings-detail;
// - Jill Chill's session exactly as in past-meetings-participants;
// - a second session from report-meetings-participants at the same times. It keeps that record's
//   name "example", participant_user_id, registrant_id, customer_key and bo_mtg_id.
// The occurrence starts and ends with those sessions. Fields where the examples disagree with this
// meeting: the report record's `id`, `user_id` and `user_email`, the detail times and `duration`.
import type { EmulatedMeeting, EmulatedUser } from '../zoom-emulator/model';

interface PastParticipantExample {
  id: string;
  user_id: string;
  name: string;
  user_email: string;
  registrant_id: string;
  join_time: string;
  leave_time: string;
  failover: boolean;
  internal_user: boolean;
  status: 'in_meeting' | 'in_waiting_room';
}

interface ReportParticipantExample {
  participant_user_id: string;
  name: string;
  registrant_id: string;
  customer_key: string;
  bo_mtg_id: string;
  failover: boolean;
  status: 'in_meeting' | 'in_waiting_room';
}

interface DetailExample {
  id: number;
  uuid: string;
  host_id: string;
  topic: string;
  user_name: string;
  user_email: string;
}

export const EXAMPLE_ACCOUNT_ID = 'eXaMpLeAcCoUnTiD012345';

/** Per-session ID given to the report example's participant, because Jill Chill's session uses '27423744'. */
const SECOND_SESSION_USER_ID = '27424768';

export function readExample<T>(fileName: string): T {
  return require(`./zoom-examples/${fileName}`) as T;
}

/** Loads the meeting and its host, an admin on the pro plan so that report endpoints work too. */
export function loadExampleMeeting(): { meeting: EmulatedMeeting; host: EmulatedUser } {
  const detail = readExample<DetailExample>('past-meetings-detail.spec-assembled.json');
  const past = readExample<{ participants: PastParticipantExample[] }>('past-meetings-participants.spec-assembled.json')
    .participants[0];
  const report = readExample<{ participants: ReportParticipantExample[] }>(
    'report-meetings-participants.spec-assembled.json',
  ).participants[0];
  const [firstName, ...lastNames] = detail.user_name.split(' ');
  const host: EmulatedUser = {
    id: detail.host_id,
    email: detail.user_email,
    firstName,
    lastName: lastNames.join(' '),
    accountId: EXAMPLE_ACCOUNT_ID,
    plan: 'pro',
    admin: true,
  };
  const meeting: EmulatedMeeting = {
    id: detail.id,
    kind: 'meeting',
    hostId: detail.host_id,
    topic: detail.topic,
    type: 2,
    occurrences: [
      {
        uuid: detail.uuid,
        startTime: past.join_time,
        endTime: past.leave_time,
        sessions: [
          {
            userId: past.user_id,
            participantUserId: past.id,
            name: past.name,
            email: past.user_email,
            registrantId: past.registrant_id,
            joinTime: past.join_time,
            leaveTime: past.leave_time,
            status: past.status,
            failover: past.failover,
            internalUser: past.internal_user,
          },
          {
            userId: SECOND_SESSION_USER_ID,
            participantUserId: report.participant_user_id,
            name: report.name,
            email: '',
            registrantId: report.registrant_id,
            joinTime: past.join_time,
            leaveTime: past.leave_time,
            status: report.status,
            failover: report.failover,
            breakoutRoomId: report.bo_mtg_id,
            customerKey: report.customer_key,
          },
        ],
      },
    ],
  };

  return { meeting, host };
}
