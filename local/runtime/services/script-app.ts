import type { TriggerRecord } from '../world/world';
import { counted, createEnum, requireAuthMode, type EnumValue, type ExecutionEnv } from './env';

/** Apps Script's default and maximum state-token lifetimes (https://developers.google.com/apps-script/reference/script/state-token-builder). */
export const STATE_TOKEN_DEFAULT_TIMEOUT_SECONDS = 60;
export const STATE_TOKEN_MAX_TIMEOUT_SECONDS = 3600;

export const AUTH_MODE_NAMES = ['CUSTOM_FUNCTION', 'NONE', 'LIMITED', 'FULL'] as const;

export interface ScriptAppEnums {
  AuthMode: Record<(typeof AUTH_MODE_NAMES)[number], EnumValue>;
}

function createTriggerService(env: ExecutionEnv, record: TriggerRecord, enums: { EventType: Record<string, EnumValue>; TriggerSource: Record<string, EnumValue> }): object {
  return counted(env, 'Trigger', {
    getUniqueId: () => record.uid,
    getHandlerFunction: () => record.handlerFunction,
    getEventType: () => enums.EventType.CLOCK,
    getTriggerSource: () => enums.TriggerSource.CLOCK,
    getTriggerSourceId: () => null,
  });
}

/** Creates ScriptApp for one execution: enums, triggers, state tokens, script ID and OAuth token. */
export function createScriptApp(env: ExecutionEnv): GoogleAppsScript.Script.ScriptApp & ScriptAppEnums {
  const AuthMode = createEnum(AUTH_MODE_NAMES);
  const EventType = createEnum(['CLOCK', 'ON_OPEN', 'ON_EDIT', 'ON_FORM_SUBMIT', 'ON_CHANGE', 'ON_EVENT_UPDATED'] as const);
  const TriggerSource = createEnum(['SPREADSHEETS', 'CLOCK', 'FORMS', 'DOCUMENTS', 'CALENDAR'] as const);
  const WeekDay = createEnum(['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'] as const);
  const enums = { EventType, TriggerSource };
  const wrap = (record: TriggerRecord): object => createTriggerService(env, record, enums);
  const listTriggers = (): TriggerRecord[] => env.call('triggers.list', [env.user]) as TriggerRecord[];

  function newClockTriggerBuilder(handlerFunction: string): object {
    const draft: Omit<TriggerRecord, 'uid'> = {
      handlerFunction,
      owner: env.user,
      spreadsheetId: env.spreadsheetId,
      atHour: null,
      everyDays: null,
      everyHours: null,
      timeZone: env.scriptTimeZone,
    };
    const builder = counted(env, 'ClockTriggerBuilder', {
      atHour: (hour: number) => {
        if (!Number.isInteger(hour) || hour < 0 || hour > 23) throw env.realm.error('Exception', `Invalid argument: hour (${hour}); use a whole hour from 0 to 23.`);

        draft.atHour = hour;

        return builder;
      },
      everyDays: (days: number) => {
        if (!Number.isInteger(days) || days < 1) throw env.realm.error('Exception', `Invalid argument: days (${days}).`);

        draft.everyDays = days;

        return builder;
      },
      everyHours: (hours: number) => {
        if (![1, 2, 4, 6, 8, 12].includes(hours)) throw env.realm.error('Exception', 'The value passed to everyHours must be 1, 2, 4, 6, 8 or 12.');

        draft.everyHours = hours;

        return builder;
      },
      inTimezone: (timeZone: string) => {
        draft.timeZone = String(timeZone);

        return builder;
      },
      create: () => {
        requireAuthMode(env, 'FULL', 'ClockTriggerBuilder.create');

        return wrap(env.call('triggers.create', [draft]) as TriggerRecord);
      },
    });

    return builder;
  }

  function newStateToken(): object {
    let method = '';
    let timeoutSeconds = STATE_TOKEN_DEFAULT_TIMEOUT_SECONDS;
    const args: Record<string, string> = {};
    const builder = counted(env, 'StateTokenBuilder', {
      withMethod: (name: string) => {
        method = String(name);

        return builder;
      },
      withArgument: (name: string, value: string) => {
        args[String(name)] = String(value);

        return builder;
      },
      withTimeout: (seconds: number) => {
        // NOTE: Apps Script documents 3600 s as the maximum; its behaviour beyond that is not documented, so it is rejected here.
        if (!(seconds > 0) || seconds > STATE_TOKEN_MAX_TIMEOUT_SECONDS) {
          throw env.realm.error('Exception', `Invalid argument: timeout (${seconds}); the maximum is ${STATE_TOKEN_MAX_TIMEOUT_SECONDS} seconds.`);
        }

        timeoutSeconds = seconds;

        return builder;
      },
      createToken: () => {
        if (method === '') throw env.realm.error('Exception', 'The state token needs a method: call withMethod(name) first.');

        return env.call('stateToken.create', [{ method, arguments: args, timeoutSeconds, user: env.user }]);
      },
    });

    return builder;
  }

  const app = counted(env, 'ScriptApp', {
    AuthMode,
    EventType,
    TriggerSource,
    WeekDay,
    getScriptId: () => env.scriptId,
    // A stand-in access token for the active user; no Google API accepts it.
    getOAuthToken: () => `ya29.local-runtime-token-for-${env.user}`,
    getService: () =>
      counted(env, 'Service', {
        getUrl: () => `https://script.google.com/macros/s/${env.scriptId}/exec`,
        isEnabled: () => true,
      }),
    newStateToken,
    newTrigger: (functionName: string) => {
      requireAuthMode(env, 'FULL', 'ScriptApp.newTrigger');

      return counted(env, 'TriggerBuilder', { timeBased: () => newClockTriggerBuilder(String(functionName)) });
    },
    getProjectTriggers: () => {
      requireAuthMode(env, 'FULL', 'ScriptApp.getProjectTriggers');

      return env.realm.array(listTriggers().map(wrap));
    },
    getUserTriggers: (document: { getId(): string }) => {
      requireAuthMode(env, 'FULL', 'ScriptApp.getUserTriggers');

      const spreadsheetId = document.getId();

      return env.realm.array(listTriggers().filter((trigger) => trigger.spreadsheetId === spreadsheetId).map(wrap));
    },
    deleteTrigger: (trigger: { getUniqueId(): string }) => {
      requireAuthMode(env, 'FULL', 'ScriptApp.deleteTrigger');
      env.call('triggers.delete', [trigger.getUniqueId()]);
    },
  });

  return app as unknown as GoogleAppsScript.Script.ScriptApp & ScriptAppEnums;
}
