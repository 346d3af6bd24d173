// Plays the user's side of Zoom's consent screen: opens the add-on's authorization URL on the Zoom
// emulator (https://zoom.us is routed there) and returns where Zoom redirects the browser, which is
// the Apps Script /usercallback URL carrying `code` and `state`.
import type { Clock } from './runtime/clock';

export async function approveAuthorization(authorizationUrl: string, emulatorBaseUrl: string, clock?: Clock): Promise<string> {
  const url = new URL(authorizationUrl);

  if (url.origin !== 'https://zoom.us' || url.pathname !== '/oauth/authorize') {
    throw new Error(`Not a Zoom authorization URL: ${url.origin}${url.pathname}`);
  }

  const response = await fetch(`${emulatorBaseUrl}${url.pathname}${url.search}`, {
    redirect: 'manual',
    headers: clock === undefined ? {} : { 'x-emulator-now': String(clock.now()) },
  });
  const location = response.headers.get('location');

  if (response.status !== 302 || location === null) {
    const body = await response.text();

    throw new Error(`Zoom's consent page did not redirect (status ${response.status}): ${body.slice(0, 200)}`);
  }

  return location;
}
