/**
 * The comparison point of the benchmark: an import written the way forum posts usually write it.
 * It reads Zoom's default page size of 30 records, appends one spreadsheet row per participant
 * record with appendRow, and merges nothing, so a person who rejoined gets one row per session. It
 * runs in the same offline runtime as the add-on, against the same emulator and meetings.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Clock, LocalRuntime } from '../local/runtime';

/** Apps Script source of the baseline. It reads the token the add-on stored, so no second consent is needed. */
export const BASELINE_SOURCE = `
function zoomGet(path) {
  var stored = JSON.parse(PropertiesService.getUserProperties().getProperty('oauth2.zoom'));
  var response = UrlFetchApp.fetch('https://api.zoom.us/v2' + path, {
    headers: { Authorization: 'Bearer ' + stored.access_token },
  });
  return JSON.parse(response.getContentText());
}

function encodeUuid(uuid) {
  var once = encodeURIComponent(uuid);
  return uuid.charAt(0) === '/' || uuid.indexOf('//') >= 0 ? encodeURIComponent(once) : once;
}

function appendParticipants(sheet, meetingPath) {
  var pageToken = '';
  do {
    var query = pageToken ? '?next_page_token=' + encodeURIComponent(pageToken) : '';
    var page = zoomGet(meetingPath + '/participants' + query);
    for (var i = 0; i < page.participants.length; i++) {
      var p = page.participants[i];
      sheet.appendRow([p.name, p.user_email, p.join_time, p.leave_time, p.duration]);
    }
    pageToken = page.next_page_token;
  } while (pageToken);
}

function baselineImportLatest(meetingId) {
  var sheet = SpreadsheetApp.getActiveSpreadsheet().getActiveSheet();
  sheet.appendRow(['Name', 'Email', 'Join time', 'Leave time', 'Duration']);
  appendParticipants(sheet, '/past_meetings/' + meetingId);
}

function baselineImportAll(meetingIds) {
  var sheet = SpreadsheetApp.getActiveSpreadsheet().getActiveSheet();
  sheet.appendRow(['Name', 'Email', 'Join time', 'Leave time', 'Duration']);
  for (var m = 0; m < meetingIds.length; m++) {
    var instances = zoomGet('/past_meetings/' + meetingIds[m] + '/instances').meetings;
    for (var k = 0; k < instances.length; k++) {
      appendParticipants(sheet, '/past_meetings/' + encodeUuid(instances[k].uuid));
    }
  }
}
`;

export interface BaselineRuntime {
  runtime: LocalRuntime;
  dispose(): Promise<void>;
}

/** Starts a runtime that loads the baseline in place of the add-on, with the add-on's stored token copied in. */
export function startBaselineRuntime(options: { zoomBaseUrl: string; clock: Clock; userEmail: string; storedToken: string }): BaselineRuntime {
  const distDir = mkdtempSync(path.join(tmpdir(), 'zoom-attendance-baseline-'));

  writeFileSync(path.join(distDir, 'Code.js'), BASELINE_SOURCE);

  const runtime = new LocalRuntime({ zoomBaseUrl: options.zoomBaseUrl, distDir, clock: options.clock, userEmail: options.userEmail });

  runtime.world.userProperties(options.userEmail).set('oauth2.zoom', options.storedToken);
  runtime.world.createSpreadsheet({ name: 'Baseline', timeZone: 'Europe/London' });

  return {
    runtime,
    dispose: async () => {
      await runtime.dispose();
      rmSync(distDir, { recursive: true, force: true });
    },
  };
}
