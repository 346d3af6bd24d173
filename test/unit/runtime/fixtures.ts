/** Code.js of the small Apps Script project that the runtime tests load in place of the add-on's bundle. */
export const RUNTIME_TEST_CODE = String.raw`
var executionCounter = 0;

function bumpCounter() {
  executionCounter += 1;
  return executionCounter;
}

function readClock() {
  return [Date.now(), new Date().getTime(), new Date(0).getTime(), new Date() instanceof Date, Date.UTC(2020, 0, 1)];
}

function writeCells(values) {
  var sheet = SpreadsheetApp.getActiveSpreadsheet().getActiveSheet();
  var range = sheet.getRange(1, 1, values.length, values[0].length);
  range.setValues(values);
  var read = range.getValues();
  return {
    values: read,
    formulas: range.getFormulas(),
    isArray: read instanceof Array,
    firstIsDate: read[0][0] instanceof Date
  };
}

function writeWithFormat(format, value) {
  var range = SpreadsheetApp.getActiveSpreadsheet().getActiveSheet().getRange('B2');
  range.setNumberFormat(format);
  range.setValue(value);
  return [range.getValue(), range.getFormula(), range.getDisplayValue()];
}

function writeMismatch() {
  SpreadsheetApp.getActiveSpreadsheet().getActiveSheet().getRange(1, 1, 2, 2).setValues([['a', 'b']]);
}

function catchMismatch() {
  try {
    writeMismatch();
    return 'no error';
  } catch (error) {
    return [error instanceof Error, error.name, error.message];
  }
}

function setProperty(store, key, value) {
  var stores = {
    script: PropertiesService.getScriptProperties(),
    user: PropertiesService.getUserProperties(),
    document: PropertiesService.getDocumentProperties()
  };
  stores[store].setProperty(key, value);
}

function getProperty(store, key) {
  var stores = {
    script: PropertiesService.getScriptProperties(),
    user: PropertiesService.getUserProperties(),
    document: PropertiesService.getDocumentProperties()
  };
  return stores[store].getProperty(key);
}

function putCache(key, value, ttlSeconds) {
  if (ttlSeconds === undefined) CacheService.getUserCache().put(key, value);
  else CacheService.getUserCache().put(key, value, ttlSeconds);
}

function getCache(key) {
  return CacheService.getUserCache().get(key);
}

function describeContext(e) {
  var out = {
    noActiveSpreadsheet: SpreadsheetApp.getActiveSpreadsheet() === null,
    noDocumentProperties: PropertiesService.getDocumentProperties() === null,
    noDocumentCache: CacheService.getDocumentCache() === null,
    noDocumentLock: LockService.getDocumentLock() === null,
    user: Session.getActiveUser().getEmail()
  };
  try {
    SpreadsheetApp.getUi();
    out.ui = 'available';
  } catch (error) {
    out.ui = error.message;
  }
  if (e) {
    out.authMode = String(e.authMode);
    out.authModeIsFull = e.authMode === ScriptApp.AuthMode.FULL;
    out.triggerUid = e.triggerUid;
    out.hour = e.hour;
    out.timezone = e.timezone;
  }
  return out;
}

function createNightlyTrigger(hour) {
  var trigger = ScriptApp.newTrigger('describeContext').timeBased().atHour(hour).everyDays(1).inTimezone('Europe/Berlin').create();
  return trigger.getUniqueId();
}

function listTriggers() {
  return ScriptApp.getProjectTriggers().map(function (trigger) {
    return [trigger.getHandlerFunction(), String(trigger.getEventType())];
  });
}

function startAuthorization(timeoutSeconds) {
  return ScriptApp.newStateToken()
    .withMethod('authCallback')
    .withArgument('serviceName', 'zoom')
    .withTimeout(timeoutSeconds)
    .createToken();
}

function authCallback(request) {
  PropertiesService.getUserProperties().setProperty('callbackCode', request.parameter.code);
  return HtmlService.createHtmlOutput('Connected ' + request.parameter.serviceName + ' with ' + request.parameters.code.join(','))
    .setTitle('Zoom connected');
}

function failWithTypeError() {
  throw new TypeError('bad input');
}

function buildMenu() {
  SpreadsheetApp.getUi().createAddonMenu()
    .addItem('Open sidebar', 'showSidebar')
    .addSeparator()
    .addItem('Sync now', 'syncNow')
    .addToUi();
}

function askMeetingId() {
  var ui = SpreadsheetApp.getUi();
  var response = ui.prompt('Import attendance', 'Meeting ID?', ui.ButtonSet.OK_CANCEL);
  return [response.getSelectedButton() === ui.Button.OK, String(response.getSelectedButton()), response.getResponseText()];
}

function spinForever() {
  LockService.getScriptLock().waitLock(1000);
  for (;;) {}
}

function takeScriptLock() {
  var lock = LockService.getScriptLock();
  return lock.tryLock(0);
}

function fetchText(url) {
  var response = UrlFetchApp.fetch(url, { muteHttpExceptions: true });
  return [response.getResponseCode(), response.getContentText(), Date.now()];
}

function buildTable() {
  var spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  var sheet = spreadsheet.insertSheet('Zoom attendance');
  sheet.getRange(1, 1, 4, 2).setValues([['Name', 'Minutes'], ['Cy', 5], ['Al', 30], ['Bo', 12]]);
  sheet.setFrozenRows(1);
  sheet.getRange('A1:B1').setFontWeight('bold');
  sheet.sort(2, false);
  var filter = sheet.getDataRange().createFilter();
  filter.setColumnFilterCriteria(1, SpreadsheetApp.newFilterCriteria().setHiddenValues(['Bo']).build());
  return {
    active: spreadsheet.getActiveSheet().getName(),
    names: spreadsheet.getSheets().map(function (s) { return s.getName(); }),
    values: sheet.getDataRange().getValues(),
    a1: sheet.getDataRange().getA1Notation(),
    frozen: sheet.getFrozenRows(),
    lastRow: sheet.getLastRow(),
    lastColumn: sheet.getLastColumn(),
    hidden: [2, 3, 4].map(function (row) { return sheet.isRowHiddenByFilter(row); }),
    filterRange: sheet.getFilter().getRange().getA1Notation(),
    weight: sheet.getRange('A1').getFontWeight()
  };
}

function removeTable() {
  var spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  spreadsheet.deleteSheet(spreadsheet.getSheetByName('Zoom attendance'));
  return spreadsheet.getSheets().length;
}

function readOutsideSheet() {
  return SpreadsheetApp.getActiveSpreadsheet().getActiveSheet().getRange(1001, 1).getValue();
}

function openSpreadsheet(id) {
  return SpreadsheetApp.openById(id).getName();
}

function sleepOneMinute() {
  var before = Date.now();
  Utilities.sleep(60000);
  return Date.now() - before;
}

// Holds the user lock until a contender has tried it (the script property "contender" is set),
// then for extraCalls more world calls, so the contender really has to wait.
function holdUserLock(label, extraCalls, releaseExplicitly) {
  var lock = LockService.getUserLock();
  lock.waitLock(10000);
  Logger.log(label + ' locked');
  var store = PropertiesService.getScriptProperties();
  store.setProperty('holder', label);
  for (var i = 0; i < 20000 && store.getProperty('contender') === null; i++) {}
  for (var j = 0; j < extraCalls; j++) store.getProperty('work');
  if (releaseExplicitly === false) {
    Logger.log(label + ' ending');
    return;
  }
  Logger.log(label + ' releasing');
  lock.releaseLock();
}

function contendForUserLock(label, waitMilliseconds) {
  // Starts only once the holder has its lock, however slowly the holder's thread was scheduled.
  for (var k = 0; k < 200000 && PropertiesService.getScriptProperties().getProperty('holder') === null; k++) {}
  var lock = LockService.getUserLock();
  var acquired = lock.tryLock(0);
  Logger.log(label + ' tryLock ' + acquired);
  PropertiesService.getScriptProperties().setProperty('contender', label);
  lock.waitLock(waitMilliseconds);
  Logger.log(label + ' locked');
  lock.releaseLock();
  return 'done';
}
`;
