// Zoom's token pagination: `page_size` (default 30, at most 300), `next_page_token` ("" on the last
// page) that expires 15 minutes after it is issued, and `page_count`, `page_size`, `total_records`.
import { randomBytes } from 'node:crypto';
import { ZoomError } from './errors';

export const DEFAULT_PAGE_SIZE = 30;
export const MAX_PAGE_SIZE = 300;
export const PAGE_TOKEN_LIFETIME_MILLISECONDS = 15 * 60 * 1000;

interface PageToken {
  listing: string;
  offset: number;
  /** 1-based number of the page this token leads to. */
  page: number;
  issuedAt: number;
}

export interface Page<T> {
  items: T[];
  fields: { next_page_token: string; page_count: number; page_size: number; total_records: number };
}

/**
 * Reads `page_size`. The published schema declares a maximum of 300; a larger value returns
 * 300 records per page.
 * NOTE: whether Zoom caps a larger page_size or rejects it with code 300 is not verified.
 */
export function parsePageSize(raw: string | undefined): number {
  const size = Number.parseInt(raw ?? '', 10);

  if (!Number.isFinite(size) || size < 1) return DEFAULT_PAGE_SIZE;

  return Math.min(size, MAX_PAGE_SIZE);
}

/** Zoom's page tokens look like 'Tva2CuIdTgsv8wAnhyAdU3m06Y2HuLQtlh3': 35 letters and digits. */
function newPageTokenValue(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = randomBytes(35);

  return Array.from(bytes, (byte) => alphabet[byte % alphabet.length]).join('');
}

export class PageTokens {
  private readonly tokens = new Map<string, PageToken>();

  clear(): void {
    this.tokens.clear();
  }

  /** Returns the page number a request is for: 1 without a token, undefined for an unknown token. */
  pageOf(tokenValue: string | undefined): number | undefined {
    if (!tokenValue) return 1;

    return this.tokens.get(tokenValue)?.page;
  }

  /**
   * Cuts one page out of `items`. `listing` identifies the listing (route and ID) so that a token
   * of another listing is rejected like an unknown one.
   */
  paginate<T>(items: T[], listing: string, query: Record<string, string>, now: number): Page<T> {
    const pageSize = parsePageSize(query.page_size);
    const offset = this.resolveOffset(query.next_page_token, listing, now);
    const pageItems = items.slice(offset, offset + pageSize);
    const nextOffset = offset + pageItems.length;
    const more = nextOffset < items.length;
    const nextToken = more ? this.issue(listing, nextOffset, Math.floor(nextOffset / pageSize) + 1, now) : '';

    return {
      items: pageItems,
      fields: {
        next_page_token: nextToken,
        page_count: Math.ceil(items.length / pageSize),
        page_size: pageSize,
        total_records: items.length,
      },
    };
  }

  private issue(listing: string, offset: number, page: number, now: number): string {
    const value = newPageTokenValue();

    this.tokens.set(value, { listing, offset, page, issuedAt: now });

    return value;
  }

  private resolveOffset(tokenValue: string | undefined, listing: string, now: number): number {
    if (!tokenValue) return 0;

    const token = this.tokens.get(tokenValue);
    const expired = token !== undefined && now - token.issuedAt > PAGE_TOKEN_LIFETIME_MILLISECONDS;

    if (!token || token.listing !== listing || expired) {
      throw new ZoomError(400, 300, 'The next page token is invalid or expired.');
    }

    return token.offset;
  }
}
