/**
 * Validation of the summary settings the sidebar sends.
 */
import { isAddonError } from '../../../src/errors';
import { DEFAULT_SUMMARY_SETTINGS } from '../../../src/summary/matching';
import { applySettingsPatch } from '../../../src/summary/settings';

function rejection(patch: unknown): string {
  try {
    applySettingsPatch(DEFAULT_SUMMARY_SETTINGS, patch);
  } catch (error) {
    expect(isAddonError(error, 'INVALID_INPUT')).toBe(true);

    return (error as Error).message;
  }

  throw new Error('Expected the patch to be rejected');
}

describe('applySettingsPatch', () => {
  test('defaults are 5, 5, 75 % and minutes', () => {
    expect(DEFAULT_SUMMARY_SETTINGS).toEqual({ lateMinutes: 5, leftEarlyMinutes: 5, presentThresholdPercent: 75, matrixValue: 'minutes' });
  });

  test('applies a partial patch', () => {
    expect(applySettingsPatch(DEFAULT_SUMMARY_SETTINGS, { lateMinutes: 10, matrixValue: 'percent' })).toEqual({
      lateMinutes: 10,
      leftEarlyMinutes: 5,
      presentThresholdPercent: 75,
      matrixValue: 'percent',
    });
  });

  test.each([
    [{ lateMinutes: 'ten' }, '"ten"'],
    [{ lateMinutes: -1 }, '-1'],
    [{ leftEarlyMinutes: 241 }, '241'],
    [{ presentThresholdPercent: 101 }, '101'],
    [{ presentThresholdPercent: null }, 'null'],
    [{ matrixValue: 'hours' }, '"hours"'],
    [{ colour: 'red' }, '"colour"'],
    ['late', '"late"'],
  ])('rejects %j naming the value', (patch, shown) => {
    expect(rejection(patch)).toContain(shown);
  });
});
