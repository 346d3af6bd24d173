// An in-memory Base.Blob: bytes, a content type and a name. Conversions between formats
// (getAs to another type, Google types) are not available offline.
import { charsetOfContentType, decodeText, encodeText, fromByteArray, toSignedBytes } from './bytes';

/** Content types that setContentTypeFromExtension infers, keyed by lower-case file extension. */
const CONTENT_TYPES_BY_EXTENSION: Record<string, string> = {
  csv: 'text/csv',
  gif: 'image/gif',
  htm: 'text/html',
  html: 'text/html',
  jpeg: 'image/jpeg',
  jpg: 'image/jpeg',
  js: 'application/javascript',
  json: 'application/json',
  pdf: 'application/pdf',
  png: 'image/png',
  svg: 'image/svg+xml',
  txt: 'text/plain',
  xml: 'text/xml',
  zip: 'application/zip',
};

export class LocalBlob implements GoogleAppsScript.Base.Blob {
  private data: Buffer;
  private contentType: string | null;
  private name: string | null;

  constructor(data: Uint8Array, contentType: string | null = null, name: string | null = null) {
    this.data = Buffer.from(data);
    this.contentType = contentType;
    this.name = name;
  }

  /** Creates a blob from a string (UTF-8) or a byte array, as Utilities.newBlob does. */
  static from(data: string | readonly number[], contentType?: string | null, name?: string | null): LocalBlob {
    const bytes = typeof data === 'string' ? encodeText(data) : fromByteArray(data);

    return new LocalBlob(bytes, contentType ?? null, name ?? null);
  }

  /** Returns a copy of the raw bytes, without the signed-byte conversion of getBytes(). */
  toBuffer(): Buffer {
    return Buffer.from(this.data);
  }

  copyBlob(): LocalBlob {
    return new LocalBlob(this.data, this.contentType, this.name);
  }

  getAs(contentType: string): LocalBlob {
    if (contentType !== this.contentType) {
      throw new Error(`Converting a blob from ${this.contentType ?? 'no content type'} to ${contentType} is not supported by the local runtime.`);
    }

    return this.copyBlob();
  }

  /** Returns a copy of this blob alone (the method is deprecated in Apps Script). */
  getAllBlobs(): LocalBlob[] {
    return [this.copyBlob()];
  }

  getBlob(): LocalBlob {
    return this.copyBlob();
  }

  getBytes(): number[] {
    return toSignedBytes(this.data);
  }

  getContentType(): string | null {
    return this.contentType;
  }

  getDataAsString(charset?: string): string {
    return decodeText(this.data, charset ?? charsetOfContentType(this.contentType) ?? 'UTF-8');
  }

  getName(): string | null {
    return this.name;
  }

  isGoogleType(): boolean {
    return false;
  }

  setBytes(data: number[]): LocalBlob {
    this.data = fromByteArray(data);

    return this;
  }

  setContentType(contentType: string | null): LocalBlob {
    this.contentType = contentType;

    return this;
  }

  setContentTypeFromExtension(): LocalBlob {
    const extension = /\.([^.]+)$/.exec(this.name ?? '')?.[1]?.toLowerCase();
    const contentType = extension === undefined ? undefined : CONTENT_TYPES_BY_EXTENSION[extension];

    if (contentType === undefined) {
      throw new Error(`Cannot infer a content type from the blob name ${JSON.stringify(this.name)}.`);
    }

    this.contentType = contentType;

    return this;
  }

  setDataFromString(text: string, charset?: string): LocalBlob {
    this.data = encodeText(text, charset ?? 'UTF-8');

    return this;
  }

  setName(name: string): LocalBlob {
    this.name = name;

    return this;
  }
}

/** Tells whether a value is a Blob or a BlobSource (anything with getBlob()). */
export function isBlobSource(value: unknown): value is GoogleAppsScript.Base.BlobSource {
  return typeof value === 'object' && value !== null && typeof (value as { getBlob?: unknown }).getBlob === 'function';
}

/** Returns the raw bytes of a Blob or BlobSource, including blobs made by other runtimes' stand-ins. */
export function bytesOfBlobSource(source: GoogleAppsScript.Base.BlobSource): Buffer {
  const blob = source.getBlob();

  if (blob instanceof LocalBlob) return blob.toBuffer();

  return fromByteArray(blob.getBytes());
}
