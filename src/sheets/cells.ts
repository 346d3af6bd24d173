/**
 * Cell values that Sheets stores exactly as given.
 */

/** Sheets rejects a whole write when one cell contains more than 50,000 characters. */
export const MAX_CELL_CHARACTERS = 50_000;

/** C0 and C1 control characters and the Unicode line and paragraph separators, with the whitespace around them. */
// eslint-disable-next-line no-control-regex
const CONTROL_RUN = /\s*[\u0000-\u001f\u007f-\u009f\u2028\u2029]+\s*/g;

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/**
 * Prepares free text from Zoom for a cell: control characters (tabs, newlines) collapse to one
 * space, the ends are trimmed, Unicode and emoji are kept, and a value too long for a cell is cut
 * with a visible marker that states how much was cut. The columns it goes to carry the plain-text
 * format, so Sheets does not read it as a formula, number or date.
 */
export function sanitizeText(value: unknown): string {
  if (value === null || value === undefined) return '';

  const text = String(value).replace(CONTROL_RUN, ' ').trim();

  if (text.length <= MAX_CELL_CHARACTERS) return text;

  // The marker's length depends on the count it shows, so size the cut from the longest count.
  const markerFor = (cut: number): string => `… [truncated ${cut} characters]`;
  let keep = MAX_CELL_CHARACTERS - markerFor(text.length).length;

  // Never cut an emoji or other astral character in half: a lone surrogate shows as a replacement mark.
  if (isHighSurrogate(text.charCodeAt(keep - 1))) keep -= 1;

  return text.slice(0, keep) + markerFor(text.length - keep);
}
