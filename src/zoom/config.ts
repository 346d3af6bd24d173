/**
 * The deployment's Zoom settings, read from Script Properties, and the two connection modes.
 */

export const SCRIPT_PROPERTIES = {
  clientId: 'ZOOM_CLIENT_ID',
  clientSecret: 'ZOOM_CLIENT_SECRET',
  accountId: 'ZOOM_ACCOUNT_ID',
  adminEmails: 'ZOOM_ADMIN_EMAILS',
} as const;

export type ConnectionMode = 'user' | 'account';

export interface ZoomConfig {
  /** `account` when ZOOM_ACCOUNT_ID is set: one Server-to-Server OAuth token serves every user. */
  mode: ConnectionMode;
  clientId: string;
  clientSecret: string;
  accountId: string;
  /** Google emails that may import any host's meeting in account mode, lower-cased. */
  adminEmails: string[];
  /** Script Properties that must still be set before anyone can connect. */
  missing: string[];
  /** The OAuth2 library's callback URL, which the Zoom app must list exactly. */
  redirectUrl: string;
}

export function redirectUrlFor(scriptId: string): string {
  return `https://script.google.com/macros/d/${scriptId}/usercallback`;
}

export function readZoomConfig(): ZoomConfig {
  const properties = PropertiesService.getScriptProperties().getProperties();
  const value = (key: string): string => String(properties[key] ?? '').trim();
  const clientId = value(SCRIPT_PROPERTIES.clientId);
  const clientSecret = value(SCRIPT_PROPERTIES.clientSecret);
  const accountId = value(SCRIPT_PROPERTIES.accountId);
  const missing = [
    ...(clientId === '' ? [SCRIPT_PROPERTIES.clientId] : []),
    ...(clientSecret === '' ? [SCRIPT_PROPERTIES.clientSecret] : []),
  ];

  return {
    mode: accountId === '' ? 'user' : 'account',
    clientId,
    clientSecret,
    accountId,
    adminEmails: value(SCRIPT_PROPERTIES.adminEmails)
      .split(/[\s,;]+/)
      .map((email) => email.toLowerCase())
      .filter((email) => email !== ''),
    missing,
    redirectUrl: redirectUrlFor(ScriptApp.getScriptId()),
  };
}
