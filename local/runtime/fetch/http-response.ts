// HTTPResponse as UrlFetchApp returns it, over a transport's FetchResult.
import { LocalBlob } from './blob';
import { charsetOfContentType, decodeText, toSignedBytes } from './bytes';
import { FetchResult, headerValue } from './transport';

/** Creates the Apps Script HTTPResponse of a FetchResult. */
export function createHttpResponse(result: FetchResult): GoogleAppsScript.URL_Fetch.HTTPResponse {
  const body = Buffer.from(result.body, 'base64');
  const contentType = headerValue(result.headers, 'content-type') ?? null;
  const blob = (): LocalBlob => new LocalBlob(body, contentType);

  return {
    getResponseCode: () => result.status,
    getContentText: (charset?: string) => decodeText(body, charset ?? charsetOfContentType(contentType) ?? 'UTF-8'),
    getContent: () => toSignedBytes(body),
    getHeaders: () => lastValuePerHeader(result.headers),
    getAllHeaders: () => structuredClone(result.headers),
    getBlob: blob,
    getAs: (targetContentType: string) => blob().getAs(targetContentType),
  };
}

/** Returns the headers with one string each: the last value of a header sent more than once. */
function lastValuePerHeader(headers: Record<string, string | string[]>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name, Array.isArray(value) ? (value[value.length - 1] ?? '') : value]),
  );
}
