import { MAX_CELL_CHARACTERS, sanitizeText } from '../../../src/sheets/cells';

describe('sanitizeText()', () => {
  test('cuts a 60,000-character value with a marker', () => {
    const result = sanitizeText('x'.repeat(60_000));

    expect(result.length).toBeLessThanOrEqual(MAX_CELL_CHARACTERS);
    expect(result).toMatch(/… \[truncated \d+ characters\]$/);
  });

  test('the marker counts exactly what was cut', () => {
    const result = sanitizeText('y'.repeat(60_000));
    const cut = Number(/truncated (\d+) characters/.exec(result)?.[1]);
    const kept = result.indexOf('…');

    expect(kept + cut).toBe(60_000);
  });

  test('collapses control characters and trims', () => {
    expect(sanitizeText('  Lee\tKim \n')).toBe('Lee Kim');
    expect(sanitizeText('a\u0000\u0007b')).toBe('a b');
  });

  test('keeps Unicode and emoji', () => {
    expect(sanitizeText("Zoë 👋 O'Neil")).toBe("Zoë 👋 O'Neil");
  });

  test('keeps formula-like text as it is', () => {
    expect(sanitizeText('=HYPERLINK("http://example.invalid/x","Click")')).toBe('=HYPERLINK("http://example.invalid/x","Click")');
  });

  test('turns null and undefined into empty text', () => {
    expect(sanitizeText(null)).toBe('');
    expect(sanitizeText(undefined)).toBe('');
  });

  test('leaves a value at the limit whole', () => {
    expect(sanitizeText('z'.repeat(MAX_CELL_CHARACTERS))).toHaveLength(MAX_CELL_CHARACTERS);
  });

  test('never cuts an emoji in half', () => {
    // The leading "a" puts every emoji's high surrogate at an odd index, where the cut falls.
    const result = sanitizeText(`a${'👋'.repeat(30_000)}`);
    const kept = result.slice(0, result.indexOf('…'));
    const cut = Number(/truncated (\d+) characters/.exec(result)?.[1]);

    expect(result.length).toBeLessThanOrEqual(MAX_CELL_CHARACTERS);
    expect(kept).toBe(`a${'👋'.repeat((kept.length - 1) / 2)}`);
    expect(kept.length + cut).toBe(60_001);
  });

  test('collapses Unicode line and paragraph separators', () => {
    expect(sanitizeText('Ana\u2028Bell\u2029 Cruz')).toBe('Ana Bell Cruz');
  });
});
