import type { JoinSession } from './types';

/**
 * Normalises a display name for matching: trimmed, case-folded, inner runs of spaces collapsed.
 */
export function normalizeName(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * Returns the key that identifies the person behind a session, with a prefix that says how:
 * `zoom:` the universal Zoom user ID, `email:` the lower-cased email, `registrant:` the registrant
 * ID, `name:` the normalised name. A session with none of these (hidden by the account's privacy
 * settings) is keyed `session:` plus its per-session ID and is never merged with another.
 */
export function participantKey(session: JoinSession): string {
  if (session.zoomUserId !== '') return `zoom:${session.zoomUserId}`;

  if (session.email !== '') return `email:${session.email.toLowerCase()}`;

  if (session.registrantId !== '') return `registrant:${session.registrantId}`;

  const name = normalizeName(session.name);

  if (name !== '') return `name:${name}`;

  return `session:${session.sessionId !== '' ? session.sessionId : String(session.joinMilliseconds)}`;
}

export function isUnidentified(key: string): boolean {
  return key.startsWith('session:');
}

/**
 * Gives email-only sessions the Zoom user ID that other sessions with the same email carry, so a
 * person who joined once signed in and once as a guest with the same email is one row, whichever
 * endpoint served the data. An email shared by two different user IDs is left alone.
 */
export function linkEmailsToUserIds(sessions: readonly JoinSession[]): JoinSession[] {
  const userIdsByEmail = new Map<string, Set<string>>();

  for (const session of sessions) {
    if (session.zoomUserId === '' || session.email === '') continue;

    const email = session.email.toLowerCase();
    const ids = userIdsByEmail.get(email) ?? new Set<string>();

    ids.add(session.zoomUserId);
    userIdsByEmail.set(email, ids);
  }

  return sessions.map((session) => {
    if (session.zoomUserId !== '' || session.email === '') return session;

    const ids = userIdsByEmail.get(session.email.toLowerCase());

    if (ids === undefined || ids.size !== 1) return session;

    const [zoomUserId] = [...ids];

    return zoomUserId === undefined ? session : { ...session, zoomUserId };
  });
}
