// The storage layer of the apps-script-oauth2 library, version 43 (src/Storage.js): values
// are JSON in a property store, copied into an optional cache and an in-memory map that lives
// as long as the service object, so within one execution.

/** Cache lifetime of stored values, in seconds (6 hours). */
export const CACHE_EXPIRATION_SECONDS = 21600;

/**
 * Marker stored in memory and in the cache (as the JSON string `"__NULL__"`) when a key has
 * no value, so later reads skip the property store. A token saved later overwrites it.
 */
export const CACHE_NULL_VALUE = '__NULL__';

/** The object that `service.getStorage()` returns. The key `null` is the service's token. */
export class OAuth2Storage implements GoogleAppsScriptOAuth2.Storage {
  private readonly memory: Record<string, unknown> = {};

  constructor(
    private readonly prefix: string,
    private readonly properties: GoogleAppsScript.Properties.Properties | undefined,
    private readonly cache: GoogleAppsScript.Cache.Cache | undefined,
  ) {}

  /** Reads a value from memory (unless `skipMemory`), then the cache, then the property store. */
  getValue(key: string | null, skipMemory?: boolean): unknown {
    const prefixedKey = this.getPrefixedKey(key);

    if (!skipMemory) {
      const remembered = this.memory[prefixedKey];

      if (remembered) return remembered === CACHE_NULL_VALUE ? null : remembered;
    }

    const cachedJson = this.cache ? this.cache.get(prefixedKey) : null;

    if (cachedJson) {
      const cachedValue: unknown = JSON.parse(cachedJson);
      this.memory[prefixedKey] = cachedValue;

      return cachedValue === CACHE_NULL_VALUE ? null : cachedValue;
    }

    const storedJson = this.properties ? this.properties.getProperty(prefixedKey) : null;

    if (storedJson) {
      this.cache?.put(prefixedKey, storedJson, CACHE_EXPIRATION_SECONDS);
      const storedValue: unknown = JSON.parse(storedJson);
      this.memory[prefixedKey] = storedValue;

      return storedValue;
    }

    this.memory[prefixedKey] = CACHE_NULL_VALUE;
    this.cache?.put(prefixedKey, JSON.stringify(CACHE_NULL_VALUE), CACHE_EXPIRATION_SECONDS);

    return null;
  }

  /** Writes a value to the property store, the cache and memory. */
  setValue(key: string | null, value: unknown): void {
    const prefixedKey = this.getPrefixedKey(key);
    const json = JSON.stringify(value);
    this.properties?.setProperty(prefixedKey, json);
    this.cache?.put(prefixedKey, json, CACHE_EXPIRATION_SECONDS);
    this.memory[prefixedKey] = value;
  }

  removeValue(key: string | null): void {
    this.removePrefixedKey(this.getPrefixedKey(key));
  }

  /**
   * Removes the token and every other value of this service: the property keys equal to the
   * prefix or starting with `<prefix>.`, or, without a property store, the keys in memory.
   * Cache entries whose key is not in the property store stay, as in the library.
   */
  reset(): void {
    const prefix = this.getPrefixedKey(null);
    let prefixedKeys = Object.keys(this.memory);

    if (this.properties) {
      prefixedKeys = Object.keys(this.properties.getProperties()).filter(
        (prefixedKey) => prefixedKey === prefix || prefixedKey.startsWith(prefix + '.'),
      );
    }

    for (const prefixedKey of prefixedKeys) {
      this.removePrefixedKey(prefixedKey);
    }
  }

  private removePrefixedKey(prefixedKey: string): void {
    this.properties?.deleteProperty(prefixedKey);
    this.cache?.remove(prefixedKey);
    delete this.memory[prefixedKey];
  }

  private getPrefixedKey(key: string | null | undefined): string {
    return key ? this.prefix + '.' + key : this.prefix;
  }
}
