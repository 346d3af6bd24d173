/** One join session as Zoom reports it, normalised from either participants endpoint. */
export interface JoinSession {
  /** The person's universal Zoom user ID when signed in, else ''. */
  zoomUserId: string;
  /** Zoom's per-session participant ID; used only to key records that carry no identity at all. */
  sessionId: string;
  name: string;
  email: string;
  registrantId: string;
  joinMilliseconds: number;
  leaveMilliseconds: number;
  inWaitingRoom: boolean;
}

export interface Occurrence {
  startMilliseconds: number;
  endMilliseconds: number;
}

/** One person's attendance of one occurrence. */
export interface PersonAttendance {
  participantKey: string;
  name: string;
  email: string;
  firstJoinMilliseconds: number;
  lastLeaveMilliseconds: number;
  minutesAttended: number;
  attendancePercent: number;
  joins: number;
}

export interface MergeResult {
  people: PersonAttendance[];
  /** People whose every session was in the waiting room: they get no row. */
  waitingRoomOnly: number;
  /** Records with no user ID, email, registrant ID or name (hidden by account privacy settings). */
  unidentifiedSessions: number;
  /** Sessions that lay wholly outside the occurrence and so counted for nothing. */
  sessionsOutsideOccurrence: number;
}
