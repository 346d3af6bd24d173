// HtmlService for the local Apps Script runtime
// (https://developers.google.com/apps-script/reference/html/html-service): HTML outputs and
// templates with scriptlets, held in memory.
import { LocalBlob } from './fetch/blob';
import { compileTemplate, escapeHtml } from './html-template';

export interface HtmlServiceOptions {
  /** Returns the content of a project HTML file by name without extension: 'sidebar' for sidebar.html. */
  readFile: (name: string) => string;
  /** Called with the method name on every HtmlService call and on each template evaluation ('evaluate'). */
  count: (method: string) => void;
  /** Returns the script's global object, so that template code can call the script's functions. */
  globalScope?: () => object;
}

// Enum values are their own names, so a value logged or compared reads as in Apps Script.
const SandboxMode = { EMULATED: 'EMULATED', IFRAME: 'IFRAME', NATIVE: 'NATIVE' };
const XFrameOptionsMode = { ALLOWALL: 'ALLOWALL', DEFAULT: 'DEFAULT' };

/** Meta tag names that HtmlOutput.addMetaTag accepts, per its Apps Script reference. */
const ALLOWED_META_TAGS = new Set([
  'apple-mobile-web-app-capable',
  'apple-mobile-web-app-status-bar-style',
  'apple-mobile-web-app-title',
  'google-site-verification',
  'mobile-web-app-capable',
  'viewport',
]);

/** Everything an HtmlOutput holds, for runtime tests that check what a dialog or sidebar would show. */
export interface HtmlOutputState {
  content: string;
  title: string;
  /** Pixels, or null when the script did not set it. */
  width: number | null;
  height: number | null;
  sandboxMode: string;
  xFrameOptionsMode: string;
  faviconUrl: string | null;
  metaTags: Array<{ name: string; content: string }>;
}

const outputStates = new WeakMap<object, HtmlOutputState>();
const templateSources = new WeakMap<object, { html: string; name: string }>();

/** Returns the state of an HtmlOutput created by this module; throws for other objects. */
export function describeHtmlOutput(output: GoogleAppsScript.HTML.HtmlOutput): HtmlOutputState {
  const state = outputStates.get(output);

  if (state === undefined) throw new Error('describeHtmlOutput takes an HtmlOutput created by the local HtmlService.');

  return { ...state, metaTags: state.metaTags.map((tag) => ({ ...tag })) };
}

/** Renders template HTML with the given properties, as HtmlService would, for browser tests of the sidebar. */
export function renderTemplateForBrowser(html: string, data: Record<string, unknown> = {}): string {
  return compileTemplate(html).render({ ...data }, {});
}

export function createHtmlService(options: HtmlServiceOptions): GoogleAppsScript.HTML.HtmlService {
  const { count } = options;
  const globalScope = options.globalScope ?? (() => ({}));

  function createOutput(content: string): GoogleAppsScript.HTML.HtmlOutput {
    const state: HtmlOutputState = {
      content,
      title: '',
      width: null,
      height: null,
      sandboxMode: SandboxMode.IFRAME,
      xFrameOptionsMode: XFrameOptionsMode.DEFAULT,
      faviconUrl: null,
      metaTags: [],
    };
    const output: GoogleAppsScript.HTML.HtmlOutput = {
      addMetaTag(name: string, content: string) {
        if (!ALLOWED_META_TAGS.has(name)) {
          throw new Error(`Invalid argument: meta tag name ${JSON.stringify(name)}. Allowed names: ${[...ALLOWED_META_TAGS].join(', ')}.`);
        }

        state.metaTags.push({ name, content });

        return output;
      },
      append(addedContent: string) {
        state.content += String(addedContent);

        return output;
      },
      appendUntrusted(addedContent: string) {
        state.content += escapeHtml(String(addedContent));

        return output;
      },
      asTemplate: () => createTemplateObject(state.content, 'output'),
      clear() {
        state.content = '';

        return output;
      },
      getAs: (contentType: string) => output.getBlob().getAs(contentType),
      getBlob: () => LocalBlob.from(state.content, 'text/html', state.title === '' ? null : `${state.title}.html`),
      getContent: () => state.content,
      getFaviconUrl: () => state.faviconUrl as string,
      getHeight: () => state.height as number,
      getMetaTags: () => state.metaTags.map((tag) => ({ getName: () => tag.name, getContent: () => tag.content })),
      getTitle: () => state.title,
      getWidth: () => state.width as number,
      setContent(newContent: string) {
        state.content = String(newContent);

        return output;
      },
      setFaviconUrl(iconUrl: string) {
        state.faviconUrl = iconUrl;

        return output;
      },
      setHeight(height: number) {
        state.height = requirePixels(height, 'height');

        return output;
      },
      setSandboxMode(mode: GoogleAppsScript.HTML.SandboxMode) {
        state.sandboxMode = String(mode);

        return output;
      },
      setTitle(title: string) {
        state.title = String(title);

        return output;
      },
      setWidth(width: number) {
        state.width = requirePixels(width, 'width');

        return output;
      },
      setXFrameOptionsMode(mode: GoogleAppsScript.HTML.XFrameOptionsMode) {
        state.xFrameOptionsMode = String(mode);

        return output;
      },
    };

    outputStates.set(output, state);

    return output;
  }

  /** Creates a template whose own enumerable properties are the scriptlets' variables. */
  function createTemplateObject(html: string, name: string): GoogleAppsScript.HTML.HtmlTemplate {
    const template = Object.create(templatePrototype) as GoogleAppsScript.HTML.HtmlTemplate;

    templateSources.set(template, { html, name });

    return template;
  }

  const templatePrototype = {
    evaluate(this: GoogleAppsScript.HTML.HtmlTemplate): GoogleAppsScript.HTML.HtmlOutput {
      count('evaluate');

      const source = sourceOf(this);
      const html = compileTemplate(source.html, source.name).render({ ...this }, globalScope());

      return createOutput(html);
    },
    getCode(this: GoogleAppsScript.HTML.HtmlTemplate): string {
      const source = sourceOf(this);

      return compileTemplate(source.html, source.name).code;
    },
    getCodeWithComments(this: GoogleAppsScript.HTML.HtmlTemplate): string {
      const source = sourceOf(this);

      return `// Generated by the local HtmlService from ${source.name}\n${compileTemplate(source.html, source.name).code}`;
    },
    getRawContent(this: GoogleAppsScript.HTML.HtmlTemplate): string {
      return sourceOf(this).html;
    },
  };

  function readProjectFile(filename: string): { html: string; name: string } {
    const name = String(filename).replace(/\.html$/i, '');

    try {
      return { html: options.readFile(name), name };
    } catch {
      throw new Error(`No HTML file named ${name} was found.`);
    }
  }

  return {
    SandboxMode: SandboxMode as unknown as typeof GoogleAppsScript.HTML.SandboxMode,
    XFrameOptionsMode: XFrameOptionsMode as unknown as typeof GoogleAppsScript.HTML.XFrameOptionsMode,
    createHtmlOutput(html?: string | GoogleAppsScript.Base.BlobSource) {
      count('createHtmlOutput');

      return createOutput(htmlOf(html));
    },
    createHtmlOutputFromFile(filename: string) {
      count('createHtmlOutputFromFile');

      return createOutput(readProjectFile(filename).html);
    },
    createTemplate(html: string | GoogleAppsScript.Base.BlobSource) {
      count('createTemplate');

      return createTemplateObject(htmlOf(html), 'template');
    },
    createTemplateFromFile(filename: string) {
      count('createTemplateFromFile');

      const file = readProjectFile(filename);

      return createTemplateObject(file.html, file.name);
    },
    getUserAgent() {
      count('getUserAgent');

      return 'Mozilla/5.0 (local Apps Script runtime)';
    },
  } as GoogleAppsScript.HTML.HtmlService;
}

function sourceOf(template: object): { html: string; name: string } {
  const source = templateSources.get(template);

  if (source === undefined) throw new Error('This HtmlTemplate method was called on an object that is not a template.');

  return source;
}

function htmlOf(html: string | GoogleAppsScript.Base.BlobSource | undefined): string {
  if (html === undefined || html === null) return '';

  if (typeof html === 'string') return html;

  return html.getBlob().getDataAsString();
}

function requirePixels(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 0) throw new Error(`Invalid argument: ${name} must be a whole number of pixels, got ${String(value)}.`);

  return value;
}
