/**
 * The sidebar's connection states, Authorize Zoom with and without a pop-up blocker, Disconnect,
 * and the refresh when the sidebar regains focus.
 */
import type { Browser } from 'playwright-core';
import { IMG_INJECTION, NOT_CONNECTED, REDIRECT_URL, SCRIPT_INJECTION, connectedResponses, sidebarState, value } from './fixtures';
import { SIDEBAR_WIDTH_PIXELS, callsWhenCount, launchChromium, openSidebar, settle, textWhenContains, type Sidebar } from './harness';

const FIRST_AUTHORIZE_URL = 'https://zoom.us/oauth/authorize?client_id=abc&response_type=code&state=first-state-token';
const SECOND_AUTHORIZE_URL = 'https://zoom.us/oauth/authorize?client_id=abc&response_type=code&state=second-state-token';
const MINUTE_MILLISECONDS = 60 * 1000;
const DISCONNECT_WARNING = "Disconnecting revokes the add-on's access to Zoom and stops the nightly sync until you connect again.";

let browser: Browser;
let sidebar: Sidebar | undefined;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

afterEach(async () => {
  await sidebar?.close();
  sidebar = undefined;
});

describe('connection states', () => {
  test('setup incomplete lists properties and redirect URL', async () => {
    const message = `Setup incomplete: set ZOOM_CLIENT_ID and ZOOM_CLIENT_SECRET in Script Properties, and register this redirect URL in the Zoom app: ${REDIRECT_URL}`;

    sidebar = await openSidebar(browser, {
      getSidebarState: [
        value(sidebarState({ status: 'setup-incomplete', message, missingProperties: ['ZOOM_CLIENT_ID', 'ZOOM_CLIENT_SECRET'], zoomUser: null, canDisconnect: false })),
      ],
    });
    const page = sidebar.page;

    expect(await textWhenContains(page.locator('#status'), 'Setup incomplete')).toBe(message);
    expect(await page.locator('#missing-list li').allTextContents()).toEqual(['ZOOM_CLIENT_ID', 'ZOOM_CLIENT_SECRET']);
    expect(await page.locator('#redirect-url').inputValue()).toBe(REDIRECT_URL);
    expect(await page.locator('#redirect-url').isVisible()).toBe(true);
    expect(await page.locator('#authorize').isVisible()).toBe(false);
    expect(await page.locator('#connected-area').isVisible()).toBe(false);

    await page.locator('#redirect-url').focus();

    expect(await page.evaluate(() => {
      const input = document.getElementById('redirect-url') as HTMLInputElement;

      return input.value.slice(input.selectionStart ?? 0, input.selectionEnd ?? 0);
    })).toBe(REDIRECT_URL);
  });

  test('not connected offers Authorize Zoom', async () => {
    sidebar = await openSidebar(browser, { getSidebarState: [value(NOT_CONNECTED)] });
    const page = sidebar.page;

    expect(await textWhenContains(page.locator('#status'), 'Not connected')).toBe('Not connected');
    expect(await page.locator('#authorize').textContent()).toBe('Authorize Zoom');
    expect(await page.locator('#authorize').isVisible()).toBe(true);
    expect(await page.locator('#disconnect').isVisible()).toBe(false);
    expect(await page.locator('#connected-area').isVisible()).toBe(false);
    expect(await page.locator('#setup-box').isVisible()).toBe(false);
  });

  test('connected user mode shows the Zoom user and Disconnect', async () => {
    sidebar = await openSidebar(browser, connectedResponses());
    const page = sidebar.page;

    expect(await textWhenContains(page.locator('#status'), 'Connected')).toBe('Connected as Ada Lovelace (ada@example.edu), user mode');
    expect(await page.locator('#disconnect').isVisible()).toBe(true);
    expect(await page.locator('#authorize').isVisible()).toBe(false);
    expect(await page.locator('#account-box').isVisible()).toBe(false);
    expect(await page.locator('#connected-area').isVisible()).toBe(true);
  });

  test('connected account mode has no Disconnect', async () => {
    sidebar = await openSidebar(
      browser,
      connectedResponses({
        getSidebarState: [
          value(
            sidebarState({
              mode: 'account',
              message: 'Connected as Zoom account Xy12 (teacher@school.example), account mode',
              zoomUser: null,
              googleEmail: 'teacher@school.example',
              canDisconnect: false,
            }),
          ),
        ],
      }),
    );
    const page = sidebar.page;

    expect(await textWhenContains(page.locator('#status'), 'account mode')).toBe('Connected as Zoom account Xy12 (teacher@school.example), account mode');
    expect(await page.locator('#account-box').isVisible()).toBe(true);
    expect(await page.locator('#google-email').textContent()).toBe('teacher@school.example');
    expect(await page.locator('#account-box').textContent()).toContain('Account mode');
    expect(await page.locator('#disconnect').isVisible()).toBe(false);
    expect(await page.locator('#authorize').isVisible()).toBe(false);
    expect(await page.locator('#connected-area').isVisible()).toBe(true);
  });

  test('needs reconnect shows the reason and Reconnect', async () => {
    const reason = 'Zoom disconnected: open the add-on and reconnect';

    sidebar = await openSidebar(browser, {
      getSidebarState: [value(sidebarState({ status: 'needs-reconnect', message: reason, zoomUser: null, canDisconnect: false }))],
    });
    const page = sidebar.page;

    expect(await textWhenContains(page.locator('#status'), reason)).toBe(reason);
    expect(await page.locator('#authorize').textContent()).toBe('Reconnect Zoom');
    expect(await page.locator('#authorize').isVisible()).toBe(true);
    expect(await page.locator('#connected-area').isVisible()).toBe(false);
  });

  test('error shows the message and Check again', async () => {
    const message = 'Could not reach Zoom (DNS error); nothing was changed, try again';

    sidebar = await openSidebar(browser, {
      getSidebarState: [value(sidebarState({ status: 'error', message, zoomUser: null, canDisconnect: true })), value(NOT_CONNECTED)],
    });
    const page = sidebar.page;

    expect(await textWhenContains(page.locator('#status'), 'Could not reach Zoom')).toBe(message);
    expect(await page.locator('#check-again').isVisible()).toBe(true);
    expect(await page.locator('#disconnect').isVisible()).toBe(true);
    expect(await page.locator('#connected-area').isVisible()).toBe(false);

    await page.locator('#check-again').click();

    expect(await textWhenContains(page.locator('#status'), 'Not connected')).toBe('Not connected');
    expect(await sidebar.calls('getSidebarState')).toHaveLength(2);
  });

  test('failed state call shows the error', async () => {
    sidebar = await openSidebar(browser, { getSidebarState: [{ error: 'We are sorry, a server error occurred.' }] });

    expect(await textWhenContains(sidebar.page.locator('#connection-error'), 'server error')).toBe('We are sorry, a server error occurred.');
  });
});

describe('authorize', () => {
  test('opened window is sent to the fresh URL', async () => {
    sidebar = await openSidebar(browser, { getSidebarState: [value(NOT_CONNECTED)], getAuthorizationUrl: [value(FIRST_AUTHORIZE_URL)] });
    const page = sidebar.page;

    await page.locator('#authorize').click();
    await callsWhenCount(sidebar, 'getAuthorizationUrl', 1);
    await settle(page);

    const opened = await page.evaluate(() => ({ openCalls: window.sidebarStub.openCalls, windows: window.sidebarStub.windows }));

    expect(opened.openCalls).toEqual([['', '_blank']]);
    expect(opened.windows).toHaveLength(1);
    expect(opened.windows[0]?.location.href).toBe(FIRST_AUTHORIZE_URL);
    expect(opened.windows[0]?.opener).toBeNull();
    expect(await page.locator('#popup-blocked').isVisible()).toBe(false);
    expect(await page.locator('#authorize-note').isVisible()).toBe(true);
    expect(await page.locator('#authorize').isEnabled()).toBe(true);
  });

  test('window opens before the server responds', async () => {
    sidebar = await openSidebar(browser, { getSidebarState: [value(NOT_CONNECTED)], getAuthorizationUrl: [{ hold: true }] });
    const page = sidebar.page;

    await page.locator('#authorize').click();
    await callsWhenCount(sidebar, 'getAuthorizationUrl', 1);

    expect(await page.evaluate(() => window.sidebarStub.openCalls.length)).toBe(1);
    expect(await page.locator('#authorize').isDisabled()).toBe(true);

    await sidebar.release('getAuthorizationUrl', value(FIRST_AUTHORIZE_URL));
    await settle(page);

    expect(await page.evaluate(() => window.sidebarStub.windows[0]?.location.href)).toBe(FIRST_AUTHORIZE_URL);
    expect(await page.locator('#authorize').isEnabled()).toBe(true);
  });

  test('blocked pop-up shows the fallback link', async () => {
    sidebar = await openSidebar(
      browser,
      { getSidebarState: [value(NOT_CONNECTED)], getAuthorizationUrl: [value(FIRST_AUTHORIZE_URL)] },
      { popup: 'blocked' },
    );
    const page = sidebar.page;

    await page.locator('#authorize').click();
    await page.locator('#authorize-link').waitFor({ state: 'visible', timeout: 3000 });

    const link = page.locator('#authorize-link');

    expect(await link.getAttribute('href')).toBe(FIRST_AUTHORIZE_URL);
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await link.textContent()).toBe('Your browser blocked the pop-up – click here to connect Zoom');
    expect(await page.locator('#authorize-note').isVisible()).toBe(false);
  });

  test('fallback link is replaced after 50 minutes', async () => {
    sidebar = await openSidebar(
      browser,
      { getSidebarState: [value(NOT_CONNECTED)], getAuthorizationUrl: [value(FIRST_AUTHORIZE_URL), value(SECOND_AUTHORIZE_URL)] },
      { popup: 'blocked', clockTime: new Date('2026-03-02T09:00:00Z') },
    );
    const page = sidebar.page;

    await page.locator('#authorize').click();
    await page.locator('#authorize-link').waitFor({ state: 'visible', timeout: 3000 });
    await page.clock.runFor(45 * MINUTE_MILLISECONDS);
    await settle(page);

    expect(await page.locator('#authorize-link').getAttribute('href')).toBe(FIRST_AUTHORIZE_URL);
    expect(await sidebar.calls('getAuthorizationUrl')).toHaveLength(1);

    await page.clock.runFor(6 * MINUTE_MILLISECONDS);
    await settle(page);

    expect(await sidebar.calls('getAuthorizationUrl')).toHaveLength(2);
    expect(await page.locator('#authorize-link').getAttribute('href')).toBe(SECOND_AUTHORIZE_URL);
    expect(await page.locator('#authorize-link').isVisible()).toBe(true);
  });

  test('non-https URL is never opened', async () => {
    sidebar = await openSidebar(
      browser,
      { getSidebarState: [value(NOT_CONNECTED)], getAuthorizationUrl: [value('javascript:window.injected=3')] },
      { popup: 'blocked' },
    );
    const page = sidebar.page;

    await page.locator('#authorize').click();

    expect(await textWhenContains(page.locator('#connection-error'), 'invalid authorization URL')).toContain('invalid authorization URL');
    expect(await page.locator('#popup-blocked').isVisible()).toBe(false);
    expect(await page.locator('#authorize-link').getAttribute('href')).toBeNull();
  });

  test('failed URL request closes the window', async () => {
    sidebar = await openSidebar(browser, {
      getSidebarState: [value(NOT_CONNECTED)],
      getAuthorizationUrl: [{ error: 'Setup incomplete: set ZOOM_CLIENT_ID in Script Properties' }],
    });
    const page = sidebar.page;

    await page.locator('#authorize').click();

    expect(await textWhenContains(page.locator('#connection-error'), 'Setup incomplete')).toBe('Setup incomplete: set ZOOM_CLIENT_ID in Script Properties');
    expect(await page.evaluate(() => window.sidebarStub.windows[0]?.closed)).toBe(true);
    expect(await page.locator('#authorize').isEnabled()).toBe(true);
  });
});

describe('disconnect and focus', () => {
  test('disconnect asks before calling', async () => {
    sidebar = await openSidebar(browser, connectedResponses({ disconnectZoom: [value(NOT_CONNECTED)] }));
    const page = sidebar.page;

    await textWhenContains(page.locator('#status'), 'Connected');
    await page.evaluate(() => {
      const counted = window as unknown as { confirmCalls: number };

      counted.confirmCalls = 0;
      window.confirm = () => {
        counted.confirmCalls += 1;
        return true;
      };
    });
    await page.locator('#disconnect').click();
    await settle(page);

    expect(await page.evaluate(() => (window as unknown as { confirmCalls: number }).confirmCalls)).toBe(0);
    expect(await page.locator('#disconnect-confirmation').isVisible()).toBe(true);
    expect(await page.locator('#disconnect-warning').textContent()).toBe(DISCONNECT_WARNING);
    expect(await page.locator('#disconnect-confirm').textContent()).toBe('Disconnect');
    expect(await page.locator('#disconnect-cancel').textContent()).toBe('Cancel');
    expect(await page.locator('#disconnect').isVisible()).toBe(false);
    expect(await sidebar.calls('disconnectZoom')).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(SIDEBAR_WIDTH_PIXELS);
  });

  test('cancel disconnect makes no call', async () => {
    sidebar = await openSidebar(browser, connectedResponses({ disconnectZoom: [value(NOT_CONNECTED)] }));
    const page = sidebar.page;

    await textWhenContains(page.locator('#status'), 'Connected');
    await page.locator('#disconnect').click();
    await page.locator('#disconnect-cancel').click();
    await settle(page);

    expect(await page.locator('#disconnect-confirmation').isVisible()).toBe(false);
    expect(await page.locator('#disconnect').isVisible()).toBe(true);
    expect(await page.locator('#disconnect').isEnabled()).toBe(true);
    expect(await page.locator('#connected-area').isVisible()).toBe(true);

    // Escape in the confirmation also cancels.
    await page.locator('#disconnect').click();
    await page.locator('#disconnect-cancel').press('Escape');
    await settle(page);

    expect(await page.locator('#disconnect-confirmation').isVisible()).toBe(false);
    expect(await page.locator('#disconnect').isVisible()).toBe(true);
    expect(await sidebar.calls('disconnectZoom')).toEqual([]);
  });

  test('confirmed disconnect calls once', async () => {
    sidebar = await openSidebar(browser, connectedResponses({ disconnectZoom: [{ hold: true }] }));
    const page = sidebar.page;

    await textWhenContains(page.locator('#status'), 'Connected');
    await page.locator('#meeting-list li').first().waitFor({ timeout: 3000 });
    await page.locator('#disconnect').click();
    await page.locator('#disconnect-confirm').click();
    await callsWhenCount(sidebar, 'disconnectZoom', 1);

    expect(await page.locator('#disconnect-confirm').isDisabled()).toBe(true);
    expect(await page.locator('#disconnect-cancel').isDisabled()).toBe(true);

    // A second click on the disabled button sends nothing.
    await page.locator('#disconnect-confirm').click({ force: true });
    await settle(page);

    expect(await sidebar.calls('disconnectZoom')).toEqual([{ name: 'disconnectZoom', args: [] }]);

    await sidebar.release('disconnectZoom', value(NOT_CONNECTED));

    expect(await textWhenContains(page.locator('#status'), 'Not connected')).toBe('Not connected');
    expect(await sidebar.calls('disconnectZoom')).toHaveLength(1);
    expect(await page.locator('#disconnect').isVisible()).toBe(false);
    expect(await page.locator('#disconnect-confirmation').isVisible()).toBe(false);
    expect(await page.locator('#authorize').isVisible()).toBe(true);
    expect(await page.locator('#connected-area').isVisible()).toBe(false);
    expect(await page.locator('#meeting-list li').count()).toBe(0);
  });

  test('failed disconnect re-enables the button', async () => {
    sidebar = await openSidebar(browser, connectedResponses({ disconnectZoom: [{ error: 'Zoom is busy' }] }));
    const page = sidebar.page;

    await textWhenContains(page.locator('#status'), 'Connected');
    await page.locator('#disconnect').click();
    await page.locator('#disconnect-confirm').click();

    expect(await textWhenContains(page.locator('#connection-error'), 'Zoom is busy')).toBe('Zoom is busy');
    expect(await page.locator('#disconnect-confirmation').isVisible()).toBe(false);
    expect(await page.locator('#disconnect').isVisible()).toBe(true);
    expect(await page.locator('#disconnect').isEnabled()).toBe(true);
    expect(await page.locator('#disconnect-confirm').isEnabled()).toBe(true);
    expect(await page.locator('#disconnect-cancel').isEnabled()).toBe(true);
    expect(await sidebar.calls('disconnectZoom')).toHaveLength(1);
  });

  test('focus re-reads the state and loads meetings', async () => {
    sidebar = await openSidebar(browser, { ...connectedResponses(), getSidebarState: [value(NOT_CONNECTED)] });
    const page = sidebar.page;

    await textWhenContains(page.locator('#status'), 'Not connected');

    expect(await sidebar.calls('listRecentMeetings')).toHaveLength(0);

    await sidebar.setResponses('getSidebarState', [value(sidebarState())]);
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));

    expect(await textWhenContains(page.locator('#status'), 'Connected as')).toBe('Connected as Ada Lovelace (ada@example.edu), user mode');
    expect(await (await callsWhenCount(sidebar, 'listRecentMeetings', 1)).length).toBe(1);
    expect(await textWhenContains(page.locator('#meeting-list'), 'Biology 101')).toContain('Biology 101');
  });
});

test('Zoom name and email are shown as text', async () => {
  const name = `Eve ${IMG_INJECTION}`;
  const email = `${SCRIPT_INJECTION}@example.edu`;

  sidebar = await openSidebar(
    browser,
    connectedResponses({ getSidebarState: [value(sidebarState({ message: `Connected as ${name} (${email}), user mode`, zoomUser: { name, email } }))] }),
  );
  const page = sidebar.page;

  expect(await textWhenContains(page.locator('#status'), 'Connected as')).toBe(`Connected as ${name} (${email}), user mode`);
  await settle(page);

  expect(await page.locator('img').count()).toBe(0);
  expect(await page.locator('#status script').count()).toBe(0);
  expect(await page.evaluate(() => window.injected)).toBeUndefined();
  expect(sidebar.otherRequests.filter((url) => !url.includes('add-ons1.css'))).toEqual([]);
});
