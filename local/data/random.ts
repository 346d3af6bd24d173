// Deterministic pseudo-random values for the meeting generators: the same seed gives the same data.

/** mulberry32: a small 32-bit PRNG returning numbers in [0, 1). */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;

  return () => {
    state = (state + 0x6d2b79f5) >>> 0;

    let t = state;

    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);

    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomBytes(random: () => number, count: number): Buffer {
  return Buffer.from(Array.from({ length: count }, () => Math.floor(random() * 256)));
}

/**
 * Returns a meeting-occurrence UUID as Zoom writes it: 16 bytes in base64, 24 characters ending in '=='.
 * Plain UUIDs never start with '/' and never contain '//', so generators place those cases on purpose.
 */
export function randomMeetingUuid(random: () => number): string {
  for (;;) {
    const uuid = randomBytes(random, 16).toString('base64');

    if (!uuid.startsWith('/') && !uuid.includes('//')) return uuid;
  }
}

/** Returns a Zoom user ID: 16 bytes in unpadded base64url, 22 characters such as 'DYHrdpjrS3uaOf7dPkkg8w'. */
export function randomUserId(random: () => number): string {
  return randomBytes(random, 16).toString('base64url');
}

/** Adds minutes (fractions allowed) to an ISO time and returns ISO without milliseconds. */
export function addMinutes(iso: string, minutes: number): string {
  return new Date(Date.parse(iso) + Math.round(minutes * 60_000)).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
