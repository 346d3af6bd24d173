/**
 * An error that Apps Script itself would raise. Apps Script reports these with the name
 * `Exception` (shown as "Exception: <message>" in the execution log).
 */
export class AppsScriptException extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Exception';
  }
}

/** Returns the UTF-8 size of a string in bytes, which is how Apps Script measures its quotas. */
export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
