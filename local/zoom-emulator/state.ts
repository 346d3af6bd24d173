// Everything the emulator process stores: seeded data with its indexes, OAuth tokens, page tokens,
// fault rules, the request log and the clock.
import type {
  EmulatedApp,
  EmulatedMeeting,
  EmulatedOccurrence,
  EmulatedUser,
  EmulatorSeed,
  FaultRule,
  RecordedRequest,
} from './model';
import { PageTokens } from './pagination';
import { TokenStore } from './tokens';

export const DEFAULT_ACCESS_TOKEN_LIFETIME_SECONDS = 3599;

export interface OccurrenceRef {
  meeting: EmulatedMeeting;
  occurrence: EmulatedOccurrence;
}

interface ActiveFault {
  rule: FaultRule;
  remaining: number;
}

export class EmulatorState {
  apps: EmulatedApp[] = [];
  users: EmulatedUser[] = [];
  consent: EmulatorSeed['consent'];
  accessTokenLifetimeSeconds = DEFAULT_ACCESS_TOKEN_LIFETIME_SECONDS;
  readonly meetings = new Map<number, EmulatedMeeting>();
  readonly occurrences = new Map<string, OccurrenceRef>();
  readonly tokens = new TokenStore();
  readonly pageTokens = new PageTokens();
  readonly requests: RecordedRequest[] = [];
  private faults: ActiveFault[] = [];
  /** Fixed "now" set through the control API; null follows real time. */
  fixedClockMilliseconds: number | null = null;

  /** Replaces all data, tokens, faults and the request log. The clock setting is kept. */
  load(seed: EmulatorSeed): void {
    this.apps = seed.apps;
    this.users = seed.users;
    this.consent = seed.consent;
    this.accessTokenLifetimeSeconds = seed.accessTokenLifetimeSeconds ?? DEFAULT_ACCESS_TOKEN_LIFETIME_SECONDS;
    this.meetings.clear();
    this.occurrences.clear();
    this.tokens.clear();
    this.pageTokens.clear();
    this.requests.length = 0;
    this.faults = [];

    for (const meeting of seed.meetings) this.addMeeting(meeting);
  }

  /** Adds a meeting, or replaces the meeting with the same numeric ID. */
  addMeeting(meeting: EmulatedMeeting): void {
    const previous = this.meetings.get(meeting.id);

    if (previous) {
      for (const occurrence of previous.occurrences) this.occurrences.delete(occurrence.uuid);
    }

    this.meetings.set(meeting.id, meeting);

    for (const occurrence of meeting.occurrences) this.occurrences.set(occurrence.uuid, { meeting, occurrence });
  }

  updateOccurrence(meetingId: number, uuid: string, patch: Partial<EmulatedOccurrence>): boolean {
    const ref = this.occurrences.get(uuid);

    if (!ref || ref.meeting.id !== meetingId) return false;

    Object.assign(ref.occurrence, patch, { uuid });

    return true;
  }

  now(headerValue: string | undefined): number {
    const fromHeader = headerValue === undefined ? Number.NaN : Number(headerValue);

    if (Number.isFinite(fromHeader)) return fromHeader;

    return this.fixedClockMilliseconds ?? Date.now();
  }

  user(id: string): EmulatedUser | undefined {
    return this.users.find((user) => user.id === id);
  }

  app(clientId: string): EmulatedApp | undefined {
    return this.apps.find((app) => app.clientId === clientId);
  }

  addFaults(rules: FaultRule[]): void {
    for (const rule of rules) this.faults.push({ rule, remaining: rule.times ?? 1 });
  }

  clearFaults(): void {
    this.faults = [];
  }

  /** Returns the first live rule matching the request and spends one of its uses. */
  takeFault(method: string, path: string, page: number | undefined): FaultRule | undefined {
    const active = this.faults.find(
      ({ rule, remaining }) =>
        remaining > 0 &&
        (rule.method === undefined || rule.method.toUpperCase() === method) &&
        new RegExp(rule.path).test(path) &&
        (rule.page === undefined || rule.page === page),
    );

    if (!active) return undefined;

    active.remaining -= 1;

    return active.rule;
  }
}
