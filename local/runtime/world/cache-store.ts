import { AppsScriptException, utf8Bytes } from './errors';

/** Apps Script's CacheService limits (https://developers.google.com/apps-script/reference/cache/cache). */
export const CACHE_VALUE_MAX_BYTES = 100 * 1024;
export const CACHE_KEY_MAX_CHARACTERS = 250;
export const CACHE_DEFAULT_TTL_SECONDS = 600;
export const CACHE_MAX_TTL_SECONDS = 21600;

interface CacheEntry {
  value: string;
  expiresAtEpochMilliseconds: number;
}

/** One cache (script, user or document) whose entries expire on the world clock. */
export class CacheStore {
  private readonly entries = new Map<string, CacheEntry>();

  constructor(private readonly now: () => number) {}

  get(key: string): string | null {
    const entry = this.entries.get(key);

    if (entry === undefined) return null;

    if (entry.expiresAtEpochMilliseconds <= this.now()) {
      this.entries.delete(key);

      return null;
    }

    return entry.value;
  }

  put(key: string, value: string, ttlSeconds: number = CACHE_DEFAULT_TTL_SECONDS): void {
    const text = String(value);

    if (String(key).length > CACHE_KEY_MAX_CHARACTERS) throw new AppsScriptException('Argument too large: key');

    if (utf8Bytes(text) > CACHE_VALUE_MAX_BYTES) throw new AppsScriptException('Argument too large: value');

    // NOTE: Apps Script documents 21600 s as the maximum; a longer ttl is clamped here rather than rejected.
    const seconds = Math.min(Math.max(Number(ttlSeconds), 1), CACHE_MAX_TTL_SECONDS);

    this.entries.set(String(key), { value: text, expiresAtEpochMilliseconds: this.now() + seconds * 1000 });
  }

  remove(key: string): void {
    this.entries.delete(key);
  }

  /** Returns the live entries, dropping expired ones. */
  all(): Record<string, string> {
    const live: Record<string, string> = {};

    for (const key of [...this.entries.keys()]) {
      const value = this.get(key);

      if (value !== null) live[key] = value;
    }

    return live;
  }
}
