/**
 * The time-driven trigger's handler. A trigger has no active spreadsheet and no UI, so it opens its
 * spreadsheet by the ID mapped to its trigger UID and reports only through the sync log.
 */
import { redactSecrets } from '../zoom/oauth';
import { syncSpreadsheet } from './run';
import { spreadsheetForTrigger } from './state';
import { removeOrphanTrigger } from './tracking';

export function runNightly(event: GoogleAppsScript.Events.TimeDriven | undefined): void {
  const startedAt = Date.now();
  const triggerUid = String(event?.triggerUid ?? '');
  const spreadsheetId = triggerUid === '' ? null : spreadsheetForTrigger(triggerUid);

  if (spreadsheetId === null) {
    console.warn(`Nightly sync: trigger ${triggerUid || '(none)'} belongs to no spreadsheet; removing it`);
    removeOrphanTrigger(triggerUid);

    return;
  }

  let spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet;

  try {
    spreadsheet = SpreadsheetApp.openById(spreadsheetId);
  } catch (error) {
    // Kept: the failure may be temporary, and turning sync off in the sidebar removes the trigger.
    console.warn(`Nightly sync: spreadsheet ${spreadsheetId} cannot be opened (${redactSecrets(String(error))})`);

    return;
  }

  try {
    syncSpreadsheet(spreadsheet, startedAt);
  } catch (error) {
    // Never throw from a trigger: Google would e-mail the user a stack trace every night.
    console.error(`Nightly sync of ${spreadsheetId} failed: ${redactSecrets(error instanceof Error ? error.message : String(error))}`);
  }
}
