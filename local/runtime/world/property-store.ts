import { AppsScriptException, utf8Bytes } from './errors';

/** Apps Script's quota for one property value: 9 KB (https://developers.google.com/apps-script/guides/services/quotas). */
export const PROPERTY_VALUE_MAX_BYTES = 9 * 1024;
/** Apps Script's quota for one property store: 500 KB in total, keys and values. */
export const PROPERTY_STORE_MAX_BYTES = 500 * 1024;

/** One of the three property stores (script, user, document), with Apps Script's size limits. */
export class PropertyStore {
  private readonly entries = new Map<string, string>();

  get(key: string): string | null {
    return this.entries.get(key) ?? null;
  }

  /** Sets one value, or throws Apps Script's quota error without changing anything. */
  set(key: string, value: string): void {
    this.setAll({ [key]: value }, false);
  }

  /** Sets several values at once (optionally dropping all others); all or nothing, as in Apps Script. */
  setAll(values: Record<string, string>, deleteAllOthers: boolean): void {
    const next = new Map(deleteAllOthers ? [] : this.entries);

    for (const [key, value] of Object.entries(values)) {
      const text = String(value);

      // NOTE: Apps Script's exact accounting (key included or not) is not documented; the value alone is checked here.
      if (utf8Bytes(text) > PROPERTY_VALUE_MAX_BYTES) throw new AppsScriptException('Argument too large: value');

      next.set(String(key), text);
    }

    if (storeBytes(next) > PROPERTY_STORE_MAX_BYTES) {
      throw new AppsScriptException(
        'You have exceeded the property storage quota. Please remove some properties and try again.',
      );
    }

    this.entries.clear();
    for (const [key, value] of next) this.entries.set(key, value);
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  deleteAll(): void {
    this.entries.clear();
  }

  keys(): string[] {
    return [...this.entries.keys()];
  }

  all(): Record<string, string> {
    return Object.fromEntries(this.entries);
  }

  sizeBytes(): number {
    return storeBytes(this.entries);
  }
}

function storeBytes(entries: Map<string, string>): number {
  let total = 0;

  for (const [key, value] of entries) total += utf8Bytes(key) + utf8Bytes(value);

  return total;
}
