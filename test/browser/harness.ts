/**
 * Runs the built sidebar (dist/sidebar.html) in headless Chromium with google.script.run and
 * window.open replaced by in-page stubs. The page is served through page.route, so no socket is
 * opened, and every other request (the add-ons stylesheet, an injected image) is aborted.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

/** Debian's Chromium; set CHROMIUM_PATH to use a Chromium installed elsewhere. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SIDEBAR_URL = 'http://sidebar.test/';
export const SIDEBAR_WIDTH_PIXELS = 300;
const SIDEBAR_HEIGHT_PIXELS = 900;
const WAIT_MILLISECONDS = 3000;

/** One response of a stubbed server function: a value, a thrown error, or a hold until the test releases it. */
export type StubResponse = { value: unknown } | { error: string } | { hold: true };

export interface StubSetup {
  /** Responses per server function, used in order. The last one repeats. */
  responses: Record<string, StubResponse[]>;
  /** What window.open returns: a fake window, or null as when a pop-up blocker stops it. */
  popup: 'window' | 'blocked';
}

export interface RecordedCall {
  name: string;
  args: unknown[];
}

interface FakeWindow {
  location: { href: string };
  opener: unknown;
  closed: boolean;
  close(): void;
}

interface PageStub {
  calls: RecordedCall[];
  openCalls: unknown[][];
  windows: FakeWindow[];
  heldCount(name: string): number;
  release(name: string, response: StubResponse): void;
  setResponses(name: string, responses: StubResponse[]): void;
}

declare global {
  interface Window {
    sidebarStub: PageStub;
    injected?: number;
  }
}

/**
 * Installs the stubs in the page before its own script runs. Playwright serializes this function,
 * so it must not refer to anything outside its body.
 */
function installStub(setup: StubSetup): void {
  type Handler = (value: unknown) => void;
  interface PendingCall {
    name: string;
    success: Handler | undefined;
    failure: Handler | undefined;
  }

  const responses: Record<string, StubResponse[]> = setup.responses;
  const heldCalls: Array<PendingCall & { released: boolean }> = [];
  const stub: PageStub = {
    calls: [],
    openCalls: [],
    windows: [],
    heldCount: (name) => heldCalls.filter((call) => call.name === name && !call.released).length,
    release(name, response) {
      const call = heldCalls.find((pending) => pending.name === name && !pending.released);

      if (call === undefined) throw new Error(`No held call of ${name} to release`);

      call.released = true;
      deliver(call, response);
    },
    setResponses(name, list) {
      responses[name] = list;
    },
  };

  // google.script.run calls a handler only after the calling code has returned, so the stub does too.
  function deliver(call: PendingCall, response: StubResponse): void {
    void Promise.resolve().then(() => {
      if ('error' in response) {
        call.failure?.(new Error(response.error));
        return;
      }

      if ('value' in response) call.success?.(JSON.parse(JSON.stringify(response.value ?? null)));
    });
  }

  function nextResponse(name: string): StubResponse {
    const list = responses[name];

    if (list === undefined || list.length === 0) return { error: `The test set no response for ${name}` };

    return list.length > 1 ? (list.shift() as StubResponse) : (list[0] as StubResponse);
  }

  function createRunner(success: Handler | undefined, failure: Handler | undefined): unknown {
    return new Proxy(
      {},
      {
        get(_target, property) {
          if (property === 'withSuccessHandler') return (handler: Handler) => createRunner(handler, failure);

          if (property === 'withFailureHandler') return (handler: Handler) => createRunner(success, handler);

          if (property === 'withUserObject') return () => createRunner(success, failure);

          if (typeof property !== 'string') return undefined;

          return (...args: unknown[]) => {
            const call = { name: property, success, failure };
            const response = nextResponse(property);

            stub.calls.push({ name: property, args });

            if ('hold' in response) {
              heldCalls.push({ ...call, released: false });
              return;
            }

            deliver(call, response);
          };
        },
      },
    );
  }

  (window as unknown as { google: unknown }).google = { script: { run: createRunner(undefined, undefined) } };
  window.open = ((...args: unknown[]) => {
    stub.openCalls.push(args);

    if (setup.popup === 'blocked') return null;

    const fake: FakeWindow = {
      location: { href: '' },
      opener: window,
      closed: false,
      close() {
        fake.closed = true;
      },
    };

    stub.windows.push(fake);

    return fake;
  }) as typeof window.open;
  window.sidebarStub = stub;
}

/** Reads the built sidebar. It has no scriptlets, so the file is the page Apps Script serves. */
export function readSidebarHtml(): string {
  const file = path.join(__dirname, '..', '..', 'dist', 'sidebar.html');

  if (!existsSync(file)) throw new Error(`${file} is missing: run "node esbuild.config.mjs" (jest's global setup runs it)`);

  const html = readFileSync(file, 'utf8');

  if (html.includes('<?')) {
    throw new Error('dist/sidebar.html contains HtmlService scriptlets: the browser tests must render the template first');
  }

  return html;
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: the sidebar's browser tests need it. Install it with "apt-get install -y chromium" (.ci/run does this on CI).`);
  }

  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--host-resolver-rules=MAP * ~NOTFOUND',
    ],
  });
}

export interface Sidebar {
  page: Page;
  /** URLs the page requested besides the sidebar itself; all of them were aborted. */
  otherRequests: string[];
  calls(name?: string): Promise<RecordedCall[]>;
  release(name: string, response: StubResponse): Promise<void>;
  setResponses(name: string, responses: StubResponse[]): Promise<void>;
  heldCount(name: string): Promise<number>;
  close(): Promise<void>;
}

export interface OpenOptions {
  popup?: StubSetup['popup'];
  /** Installs Playwright's fake clock at this time before the page loads. */
  clockTime?: Date;
  /** The browser's IANA time zone; the machine's zone when absent. */
  timezoneId?: string;
}

// Read once per test file, because a build started elsewhere empties dist/ while it runs.
let cachedSidebarHtml: string | undefined;

/** Opens the sidebar in a fresh 300 px wide context with the given server responses. */
export async function openSidebar(browser: Browser, responses: StubSetup['responses'], options: OpenOptions = {}): Promise<Sidebar> {
  const context = await browser.newContext({
    viewport: { width: SIDEBAR_WIDTH_PIXELS, height: SIDEBAR_HEIGHT_PIXELS },
    ...(options.timezoneId === undefined ? {} : { timezoneId: options.timezoneId }),
  });
  const page = await context.newPage();
  const html = cachedSidebarHtml ?? readSidebarHtml();

  cachedSidebarHtml = html;
  const otherRequests: string[] = [];

  if (options.clockTime !== undefined) await page.clock.install({ time: options.clockTime });

  await page.addInitScript(installStub, { responses, popup: options.popup ?? 'window' });
  await page.route('**/*', (route) => {
    if (route.request().url() === SIDEBAR_URL) return route.fulfill({ contentType: 'text/html', body: html });

    otherRequests.push(route.request().url());

    return route.abort();
  });
  await page.goto(SIDEBAR_URL);

  return {
    page,
    otherRequests,
    calls: async (name) => {
      const calls = await page.evaluate(() => window.sidebarStub.calls);

      return name === undefined ? calls : calls.filter((call) => call.name === name);
    },
    release: (name, response) => page.evaluate(([n, a]) => window.sidebarStub.release(n, a), [name, response] as const),
    setResponses: (name, list) => page.evaluate(([n, l]) => window.sidebarStub.setResponses(n, l), [name, list] as const),
    heldCount: (name) => page.evaluate((n) => window.sidebarStub.heldCount(n), name),
    close: () => context.close(),
  };
}

/**
 * Waits until the first element of `locator` contains `expected`, then returns its text. A
 * timeout is not an error here: the caller's assertion on the returned text reports it.
 */
export async function textWhenContains(locator: Locator, expected: string): Promise<string> {
  try {
    await locator.page().waitForFunction(
      ([element, text]) => (element as Element | null)?.textContent?.includes(text as string) === true,
      [await locator.first().elementHandle({ timeout: WAIT_MILLISECONDS }), expected] as const,
      { timeout: WAIT_MILLISECONDS },
    );
  } catch {
    // Fall through: the assertion shows the text that was there.
  }

  return (await locator.first().textContent()) ?? '';
}

/** Waits until the server function `name` was called `count` times, then returns those calls. */
export async function callsWhenCount(sidebar: Sidebar, name: string, count: number): Promise<RecordedCall[]> {
  try {
    await sidebar.page.waitForFunction(
      ([n, c]) => window.sidebarStub.calls.filter((call) => call.name === n).length >= (c as number),
      [name, count] as const,
      { timeout: WAIT_MILLISECONDS },
    );
  } catch {
    // Fall through: the caller's assertion on the calls reports it.
  }

  return sidebar.calls(name);
}

/**
 * Lets stub responses that are already queued run. They are promise jobs, and the page runs every queued job
 * before it takes the next task, which this evaluation is.
 */
export async function settle(page: Page): Promise<void> {
  await page.evaluate(() => undefined);
}
