/**
 * The summary's settings, one small JSON value per spreadsheet in user properties: the nightly run
 * reads them too, and a trigger has no document properties.
 */
import { AddonError } from '../errors';
import { DEFAULT_SUMMARY_SETTINGS, type SummarySettings } from './matching';

const MAX_MINUTES = 240;

const settingsKey = (spreadsheetId: string): string => `summary.${spreadsheetId}`;

function quote(value: unknown): string {
  const text = typeof value === 'string' ? `"${value}"` : JSON.stringify(value) ?? String(value);

  return text.length > 40 ? `${text.slice(0, 40)}...` : text;
}

function minutesSetting(label: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > MAX_MINUTES) {
    throw new AddonError('INVALID_INPUT', `${label} must be a number of minutes from 0 to ${MAX_MINUTES}; got ${quote(value)}`);
  }

  return value;
}

/**
 * Checks a partial settings object from the sidebar and returns the full settings with it applied.
 * Throws INVALID_INPUT naming the setting and the rejected value.
 */
export function applySettingsPatch(current: SummarySettings, patch: unknown): SummarySettings {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) {
    throw new AddonError('INVALID_INPUT', `Summary settings must be an object such as {"lateMinutes": 5}; got ${quote(patch)}`);
  }

  const fields = patch as Record<string, unknown>;
  const next = { ...current };
  const unknown = Object.keys(fields).filter((key) => !(key in DEFAULT_SUMMARY_SETTINGS));

  if (unknown.length > 0) {
    throw new AddonError('INVALID_INPUT', `Unknown summary setting ${quote(unknown[0])}: use lateMinutes, leftEarlyMinutes, presentThresholdPercent or matrixValue`);
  }

  if ('lateMinutes' in fields) next.lateMinutes = minutesSetting('Late minutes', fields.lateMinutes);

  if ('leftEarlyMinutes' in fields) next.leftEarlyMinutes = minutesSetting('Left-early minutes', fields.leftEarlyMinutes);

  if ('presentThresholdPercent' in fields) {
    const value = fields.presentThresholdPercent;

    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 100) {
      throw new AddonError('INVALID_INPUT', `Present threshold must be a percentage from 0 to 100; got ${quote(value)}`);
    }

    next.presentThresholdPercent = value;
  }

  if ('matrixValue' in fields) {
    const value = fields.matrixValue;

    if (value !== 'minutes' && value !== 'percent') {
      throw new AddonError('INVALID_INPUT', `Matrix value must be "minutes" or "percent"; got ${quote(value)}`);
    }

    next.matrixValue = value;
  }

  return next;
}

/** Reads the settings; a missing or unreadable value gives the defaults. */
export function readSummarySettings(spreadsheetId: string): SummarySettings {
  const raw = PropertiesService.getUserProperties().getProperty(settingsKey(spreadsheetId));

  if (raw === null) return { ...DEFAULT_SUMMARY_SETTINGS };

  try {
    return applySettingsPatch(DEFAULT_SUMMARY_SETTINGS, JSON.parse(raw));
  } catch {
    return { ...DEFAULT_SUMMARY_SETTINGS };
  }
}

export function writeSummarySettings(spreadsheetId: string, settings: SummarySettings): void {
  PropertiesService.getUserProperties().setProperty(settingsKey(spreadsheetId), JSON.stringify(settings));
}
