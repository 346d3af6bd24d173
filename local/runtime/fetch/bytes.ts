// Byte and charset conversions shared by the UrlFetchApp, Blob and Utilities stand-ins.
// Apps Script represents binary data as arrays of signed bytes (-128..127), as Java does.

/** Converts raw bytes to the signed byte array that Apps Script returns. */
export function toSignedBytes(data: Uint8Array): number[] {
  return Array.from(data, (byte) => (byte > 127 ? byte - 256 : byte));
}

/** Converts a byte array (signed or unsigned values) to a Buffer. */
export function fromByteArray(bytes: readonly number[]): Buffer {
  if (!Array.isArray(bytes)) {
    throw new Error(`Invalid argument: expected a byte array, got ${typeof bytes}.`);
  }

  return Buffer.from(bytes.map((byte) => byte & 0xff));
}

/** Encodes text in the named charset, "UTF-8" by default. Single-byte charsets turn other characters into "?", as Java does. */
export function encodeText(text: string, charset = 'UTF-8'): Buffer {
  const name = normalizeCharset(charset);

  if (name === 'us-ascii') {
    return encodeSingleByte(text, 128);
  }

  if (name === 'iso-8859-1') return encodeSingleByte(text, 256);

  if (name === 'utf-16le') return Buffer.from(text, 'utf16le');

  if (name !== 'utf-8') throw new Error(`Unsupported charset for encoding: ${charset}. Use UTF-8, US-ASCII, ISO-8859-1 or UTF-16LE.`);

  return Buffer.from(text, 'utf8');
}

/** Encodes each character below `limit` as one byte and any other character as "?" (0x3f). */
function encodeSingleByte(text: string, limit: number): Buffer {
  return Buffer.from(Array.from(text, (char) => {
    const codePoint = char.codePointAt(0) ?? 0x3f;

    return codePoint < limit ? codePoint : 0x3f;
  }));
}

/** Decodes bytes in the named charset, replacing invalid sequences with U+FFFD. */
export function decodeText(data: Uint8Array, charset = 'UTF-8'): string {
  const name = normalizeCharset(charset);

  if (name === 'us-ascii') return Array.from(data, (byte) => (byte < 128 ? String.fromCharCode(byte) : '\ufffd')).join('');

  // TextDecoder treats "iso-8859-1" as windows-1252, which differs from Java in 0x80-0x9f.
  if (name === 'iso-8859-1') return Buffer.from(data).toString('latin1');

  try {
    return new TextDecoder(name).decode(data);
  } catch {
    throw new Error(`Unsupported charset for decoding: ${charset}. Use a charset label that TextDecoder knows, such as UTF-8.`);
  }
}

/** Returns the charset parameter of a Content-Type value, if any. */
export function charsetOfContentType(contentType: string | null | undefined): string | undefined {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');

  return match?.[1];
}

/** Maps Apps Script's Charset enum names (US_ASCII, UTF_8) and Java charset names to WHATWG labels. */
function normalizeCharset(charset: string): string {
  const name = String(charset).trim().toLowerCase().replace(/_/g, '-');

  if (name === 'utf-8' || name === 'utf8') return 'utf-8';

  if (name === 'us-ascii' || name === 'ascii') return 'us-ascii';

  if (name === 'iso-8859-1' || name === 'latin1') return 'iso-8859-1';

  if (name === 'utf-16le') return 'utf-16le';

  return name;
}
