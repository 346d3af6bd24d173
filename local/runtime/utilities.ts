// Utilities for the local Apps Script runtime
// (https://developers.google.com/apps-script/reference/utilities/utilities). Byte arrays are
// arrays of signed bytes, as Apps Script returns them.
import { createHash, createHmac, randomUUID, sign } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { formatDate, parseDate } from './date-format';
import { bytesOfBlobSource, LocalBlob } from './fetch/blob';
import { encodeText, fromByteArray, toSignedBytes } from './fetch/bytes';

export interface UtilitiesOptions {
  /** Sleeps on the runtime clock, which may advance a fake clock instead of waiting. */
  sleep: (milliseconds: number) => void;
  /** Called with the method name on every call. */
  count: (method: string) => void;
}

/** Maximum sleep that Apps Script allows, in milliseconds (5 minutes, per the Utilities.sleep reference). */
export const MAX_SLEEP_MILLISECONDS = 300_000;

// Enum values are their own names, so a value logged or compared reads as in Apps Script.
const Charset = { US_ASCII: 'US_ASCII', UTF_8: 'UTF_8' };
const DigestAlgorithm = { MD2: 'MD2', MD5: 'MD5', SHA_1: 'SHA_1', SHA_256: 'SHA_256', SHA_384: 'SHA_384', SHA_512: 'SHA_512' };
const MacAlgorithm = { HMAC_MD5: 'HMAC_MD5', HMAC_SHA_1: 'HMAC_SHA_1', HMAC_SHA_256: 'HMAC_SHA_256', HMAC_SHA_384: 'HMAC_SHA_384', HMAC_SHA_512: 'HMAC_SHA_512' };
const RsaAlgorithm = { RSA_SHA_1: 'RSA_SHA_1', RSA_SHA_256: 'RSA_SHA_256' };

/** Node hash names by Apps Script algorithm name; MD2 is missing because OpenSSL 3 dropped it. */
const NODE_HASHES: Record<string, string> = {
  MD5: 'md5',
  SHA_1: 'sha1',
  SHA_256: 'sha256',
  SHA_384: 'sha384',
  SHA_512: 'sha512',
};

type ByteSource = string | number[];

export function createUtilities(options: UtilitiesOptions): GoogleAppsScript.Utilities.Utilities {
  const { count } = options;

  const utilities = {
    Charset,
    DigestAlgorithm,
    MacAlgorithm,
    RsaAlgorithm,

    base64Decode(encoded: string, _charset?: unknown): number[] {
      count('base64Decode');

      return toSignedBytes(decodeBase64(encoded, /^[A-Za-z0-9+/]*={0,2}$/u));
    },

    base64DecodeWebSafe(encoded: string, _charset?: unknown): number[] {
      count('base64DecodeWebSafe');

      return toSignedBytes(decodeBase64(encoded, /^[A-Za-z0-9\-_]*={0,2}$/u));
    },

    base64Encode(data: ByteSource, charset?: unknown): string {
      count('base64Encode');

      return toBuffer(data, charset).toString('base64');
    },

    base64EncodeWebSafe(data: ByteSource, charset?: unknown): string {
      count('base64EncodeWebSafe');

      return toBuffer(data, charset).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
    },

    computeDigest(algorithm: unknown, value: ByteSource, charset?: unknown): number[] {
      count('computeDigest');

      return toSignedBytes(createHash(nodeHash(algorithm, '')).update(toBuffer(value, charset)).digest());
    },

    computeHmacSha256Signature(value: ByteSource, key: ByteSource, charset?: unknown): number[] {
      count('computeHmacSha256Signature');

      return hmac('sha256', value, key, charset);
    },

    computeHmacSignature(algorithm: unknown, value: ByteSource, key: ByteSource, charset?: unknown): number[] {
      count('computeHmacSignature');

      return hmac(nodeHash(algorithm, 'HMAC_'), value, key, charset);
    },

    computeRsaSha1Signature(value: string, key: string, charset?: unknown): number[] {
      count('computeRsaSha1Signature');

      return rsaSign('sha1', value, key, charset);
    },

    computeRsaSha256Signature(value: string, key: string, charset?: unknown): number[] {
      count('computeRsaSha256Signature');

      return rsaSign('sha256', value, key, charset);
    },

    computeRsaSignature(algorithm: unknown, value: string, key: string, charset?: unknown): number[] {
      count('computeRsaSignature');

      return rsaSign(nodeHash(algorithm, 'RSA_'), value, key, charset);
    },

    formatDate(date: Date, timeZone: string, format: string): string {
      count('formatDate');

      return formatDate(date, timeZone, format);
    },

    formatString(template: string, ...args: unknown[]): string {
      count('formatString');

      return formatString(template, args);
    },

    getUuid(): string {
      count('getUuid');

      return randomUUID();
    },

    gzip(blob: GoogleAppsScript.Base.BlobSource, name?: string): LocalBlob {
      count('gzip');

      const source = blob.getBlob();

      return new LocalBlob(gzipSync(bytesOfBlobSource(source)), 'application/x-gzip', name ?? `${source.getName() ?? 'archive'}.gz`);
    },

    ungzip(blob: GoogleAppsScript.Base.BlobSource): LocalBlob {
      count('ungzip');

      const source = blob.getBlob();

      return new LocalBlob(gunzipSync(bytesOfBlobSource(source)), null, (source.getName() ?? '').replace(/\.gz$/i, '') || null);
    },

    jsonParse(jsonString: string): unknown {
      count('jsonParse');

      return JSON.parse(jsonString);
    },

    jsonStringify(value: unknown): string {
      count('jsonStringify');

      return JSON.stringify(value);
    },

    newBlob(data: ByteSource, contentType?: string, name?: string): LocalBlob {
      count('newBlob');

      return LocalBlob.from(data, contentType, name);
    },

    parseCsv(csv: string, delimiter?: string): string[][] {
      count('parseCsv');

      return parseCsv(csv, delimiter ?? ',');
    },

    parseDate(date: string, timeZone: string, format: string): Date {
      count('parseDate');

      return parseDate(date, timeZone, format);
    },

    sleep(milliseconds: number): void {
      count('sleep');

      if (!(milliseconds >= 0 && milliseconds <= MAX_SLEEP_MILLISECONDS)) {
        throw new Error(`Invalid argument: milliseconds ${milliseconds}. Utilities.sleep takes 0 to ${MAX_SLEEP_MILLISECONDS} milliseconds.`);
      }

      options.sleep(milliseconds);
    },

    unzip(_blob: GoogleAppsScript.Base.BlobSource): LocalBlob[] {
      count('unzip');
      throw new Error('Utilities.unzip is not supported by the local runtime.');
    },

    zip(_blobs: GoogleAppsScript.Base.BlobSource[], _name?: string): LocalBlob {
      count('zip');
      throw new Error('Utilities.zip is not supported by the local runtime.');
    },
  };

  return utilities as unknown as GoogleAppsScript.Utilities.Utilities;
}

/** Converts a string (in the given Charset, UTF-8 by default) or a byte array to bytes. */
function toBuffer(data: ByteSource, charset: unknown): Buffer {
  if (typeof data === 'string') return encodeText(data, charset === undefined ? 'UTF-8' : String(charset));

  return fromByteArray(data);
}

function decodeBase64(encoded: string, alphabet: RegExp): Buffer {
  const compact = String(encoded).replace(/\s+/g, '');

  if (!alphabet.test(compact) || compact.replace(/=+$/, '').length % 4 === 1) {
    throw new Error('Could not decode string: it is not valid base64 for this method (base64Decode takes + and /, base64DecodeWebSafe takes - and _).');
  }

  return Buffer.from(compact.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
}

/** Maps an Apps Script algorithm enum value (after its prefix, such as "HMAC_") to a Node hash name. */
function nodeHash(algorithm: unknown, prefix: string): string {
  const name = String(algorithm).startsWith(prefix) ? String(algorithm).slice(prefix.length) : String(algorithm);
  const hash = NODE_HASHES[name];

  if (hash === undefined) throw new Error(`Unsupported algorithm in the local runtime: ${String(algorithm)}.`);

  return hash;
}

function hmac(hash: string, value: ByteSource, key: ByteSource, charset: unknown): number[] {
  if (typeof value !== typeof key) throw new Error('Invalid argument: value and key must both be strings or both be byte arrays.');

  return toSignedBytes(createHmac(hash, toBuffer(key, charset)).update(toBuffer(value, charset)).digest());
}

/** Signs with an RSA private key in PEM form, as Apps Script's computeRsa*Signature functions do. */
function rsaSign(hash: string, value: string, key: string, charset: unknown): number[] {
  return toSignedBytes(sign(hash, toBuffer(value, charset), key));
}

/**
 * Formats like sprintf: %s, %d/%i, %f, %e, %x/%X, %o, %c and %%, with the flags - + space 0,
 * a width and a precision. A specifier without a matching argument is left as it is.
 */
export function formatString(template: string, args: unknown[]): string {
  let next = 0;

  return String(template).replace(/%([-+ 0]*)(\d+)?(?:\.(\d+))?([sdifeExXoc%])/g, (specifier, flags: string, width: string | undefined, precision: string | undefined, conversion: string) => {
    if (conversion === '%') return '%';

    if (next >= args.length) return specifier;

    const text = convert(conversion, args[next], flags, precision === undefined ? undefined : Number(precision));

    next += 1;

    return padToWidth(text, flags, width === undefined ? 0 : Number(width), conversion !== 's' && conversion !== 'c');
  });
}

function convert(conversion: string, value: unknown, flags: string, precision: number | undefined): string {
  const number = Number(value);
  const sign = (text: string): string => (number >= 0 && flags.includes('+') ? `+${text}` : number >= 0 && flags.includes(' ') ? ` ${text}` : text);

  switch (conversion) {
    case 's':
      return precision === undefined ? String(value) : String(value).slice(0, precision);
    case 'c':
      return typeof value === 'number' ? String.fromCharCode(value) : String(value).charAt(0);
    case 'd':
    case 'i':
      return sign(String(Math.trunc(number)));
    case 'f':
      return sign(number.toFixed(precision ?? 6));
    case 'e':
    case 'E': {
      // C and Java write at least two exponent digits: 1.5e+00, where JavaScript writes 1.5e+0.
      const text = number.toExponential(precision ?? 6).replace(/e([+-])(\d)$/, 'e$10$2');

      return sign(conversion === 'E' ? text.toUpperCase() : text);
    }
    case 'x':
      return Math.trunc(number).toString(16);
    case 'X':
      return Math.trunc(number).toString(16).toUpperCase();
    default:
      return Math.trunc(number).toString(8);
  }
}

function padToWidth(text: string, flags: string, width: number, numeric: boolean): string {
  if (text.length >= width) return text;

  if (flags.includes('-')) return text.padEnd(width, ' ');

  if (!flags.includes('0') || !numeric) return text.padStart(width, ' ');

  const signLength = /^[+\- ]/.test(text) ? 1 : 0;

  return text.slice(0, signLength) + text.slice(signLength).padStart(width - signLength, '0');
}

/** Parses CSV (RFC 4180): quoted fields may contain the delimiter, line breaks and "" for a quote. */
export function parseCsv(csv: string, delimiter: string): string[][] {
  if (delimiter.length !== 1) throw new Error(`Invalid argument: delimiter must be one character, got ${JSON.stringify(delimiter)}.`);

  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let index = 0;

  while (index < csv.length) {
    const char = csv[index] as string;

    if (quoted) {
      if (char === '"' && csv[index + 1] === '"') {
        field += '"';
        index += 2;
        continue;
      }

      if (char === '"') quoted = false;
      else field += char;

      index += 1;
      continue;
    }

    if (char === '"' && field === '') {
      quoted = true;
    } else if (char === delimiter) {
      row.push(field);
      field = '';
    } else if (char === '\r' || char === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';

      if (char === '\r' && csv[index + 1] === '\n') index += 1;
    } else {
      field += char;
    }

    index += 1;
  }

  if (quoted) throw new Error('Could not parse the CSV: a quoted field is not closed.');

  if (field !== '' || row.length > 0) rows.push([...row, field]);

  return rows;
}
