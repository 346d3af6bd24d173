/**
 * Static checks of the built bundle: every name Apps Script calls (menu items, triggers, the OAuth
 * callback, google.script.run calls in the HTML) is a top-level function declaration, and the
 * manifest matches the Apps Script manifest schema.
 */
import { parse } from 'acorn';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.join(__dirname, '..', '..');

function listFiles(dir: string, suffix: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);

    if (entry.isDirectory()) return listFiles(full, suffix);

    return entry.name.endsWith(suffix) ? [full] : [];
  });
}

const SERVER_CALL_WRAPPERS = ['callServer', 'callWithButton'];

type AstNode = { type: string; [key: string]: unknown };

function walk(node: unknown, visit: (node: AstNode) => void): void {
  if (node === null || typeof node !== 'object') return;

  if (Array.isArray(node)) {
    node.forEach((child) => walk(child, visit));

    return;
  }

  const typed = node as AstNode;

  if (typeof typed.type === 'string') visit(typed);

  for (const value of Object.values(typed)) walk(value, visit);
}

/** True for `google.script.run`, also behind `.withSuccessHandler(...)` and the like. */
function isScriptRun(node: AstNode): boolean {
  if (node.type === 'CallExpression') {
    const callee = node.callee as AstNode;

    return callee.type === 'MemberExpression' && /^with/.test(String((callee.property as AstNode).name)) && isScriptRun(callee.object as AstNode);
  }

  if (node.type !== 'MemberExpression' || (node.property as AstNode).name !== 'run') return false;

  const script = node.object as AstNode;

  return script.type === 'MemberExpression' && (script.property as AstNode).name === 'script' && (script.object as AstNode).name === 'google';
}

/**
 * Collects the server functions an HTML file calls: `google.script.run[...].name(...)` chains, and the
 * first string argument of the sidebar's wrappers `callServer('name', ...)` and
 * `callWithButton(button, 'name', ...)`, which call google.script.run[name].
 */
function serverCallsInHtml(html: string): Set<string> {
  const names = new Set<string>();

  for (const match of html.matchAll(/<script>([\s\S]*?)<\/script>/g)) {
    walk(parse(match[1] ?? '', { ecmaVersion: 2020, sourceType: 'script' }), (node) => {
      if (node.type !== 'CallExpression') return;

      const callee = node.callee as AstNode;
      const literal = (node.arguments as AstNode[]).find((argument) => argument.type === 'Literal' && typeof argument.value === 'string');

      if (callee.type === 'Identifier' && SERVER_CALL_WRAPPERS.includes(String(callee.name)) && literal !== undefined) names.add(String(literal.value));

      if (callee.type === 'MemberExpression' && !callee.computed && isScriptRun(callee.object as AstNode)) {
        const name = String((callee.property as AstNode).name);

        if (!/^with/.test(name)) names.add(name);
      }
    });
  }

  return names;
}

/** Collects the names Apps Script looks up at call time, from the source and the HTML. */
function namesCalledByAppsScript(): Set<string> {
  const names = new Set(['onOpen', 'onInstall']);
  const sources = listFiles(path.join(root, 'src'), '.ts').map((file) => readFileSync(file, 'utf8'));

  for (const source of sources) {
    for (const match of source.matchAll(/(?:addItem\([^,]+,|newTrigger\(|setCallbackFunction\()\s*'([A-Za-z_$][\w$]*)'/g)) {
      names.add(match[1] ?? '');
    }

    for (const match of source.matchAll(/functionName:\s*'([A-Za-z_$][\w$]*)'/g)) names.add(match[1] ?? '');
  }

  for (const file of listFiles(path.join(root, 'src'), '.html')) {
    for (const name of serverCallsInHtml(readFileSync(file, 'utf8'))) names.add(name);
  }

  names.delete('');

  return names;
}

function topLevelFunctions(code: string): Set<string> {
  const program = parse(code, { ecmaVersion: 2020, sourceType: 'script' });
  const names = new Set<string>();

  for (const node of program.body) {
    if (node.type === 'FunctionDeclaration' && node.id !== null) names.add(node.id.name);
  }

  return names;
}

describe('dist/Code.js', () => {
  const code = readFileSync(path.join(root, 'dist', 'Code.js'), 'utf8');

  test('parses as a script', () => {
    expect(() => parse(code, { ecmaVersion: 2020, sourceType: 'script' })).not.toThrow();
  });

  test('declares every name Apps Script calls at top level', () => {
    const declared = topLevelFunctions(code);
    const required = [...namesCalledByAppsScript()];
    const missing = required.filter((name) => !declared.has(name));

    expect(required).toEqual(expect.arrayContaining(['onOpen', 'onInstall', 'authCallback', 'showSidebar', 'importAttendanceFromPrompt', 'getSidebarState', 'importAttendance', 'listRecentMeetings', 'getImportProgress', 'trackMeeting', 'setNightlySync', 'syncNowFromMenu']));
    expect(missing).toEqual([]);
  });

  test('the HTML scan finds chained and wrapped calls', () => {
    const html = '<script>google.script.run.withSuccessHandler(f).withFailureHandler(g).fooBar(1); callServer("bazQux", []); callWithButton(b, "quux", []);</script>';

    expect([...serverCallsInHtml(html)].sort()).toEqual(['bazQux', 'fooBar', 'quux']);
  });

  test('declares every export of src/index.ts', () => {
    const index = readFileSync(path.join(root, 'src', 'index.ts'), 'utf8');
    const exported = [...index.matchAll(/^export function (\w+)/gm)].map((m) => m[1] ?? '');
    const declared = topLevelFunctions(code);

    expect(exported.length).toBeGreaterThan(5);
    expect(exported.filter((name) => !declared.has(name))).toEqual([]);
  });

  test('the Zoom service sets no scope', () => {
    const sources = listFiles(path.join(root, 'src'), '.ts').map((file) => readFileSync(file, 'utf8'));

    expect(sources.filter((source) => /\.setScope\(/.test(source))).toEqual([]);
  });

  test('ships the sidebar HTML', () => {
    expect(readdirSync(path.join(root, 'dist'))).toEqual(expect.arrayContaining(['Code.js', 'appsscript.json', 'sidebar.html']));
  });
});

describe('appsscript.json', () => {
  const schema = JSON.parse(readFileSync(path.join(root, 'test', 'schemas', 'appsscript.schema.json'), 'utf8')) as object;
  const ajv = new Ajv({ strict: false, allErrors: true });

  addFormats(ajv);

  const validate = ajv.compile(schema);
  const manifest = JSON.parse(readFileSync(path.join(root, 'dist', 'appsscript.json'), 'utf8')) as Record<string, unknown>;

  test('matches the manifest schema', () => {
    expect(validate(manifest) ? [] : validate.errors).toEqual([]);
  });

  test('the schema rejects a wrong runtime version', () => {
    expect(validate({ ...manifest, runtimeVersion: 'V9' })).toBe(false);
  });

  test('lists the scopes the add-on needs, and no current-document-only scope', () => {
    expect(manifest.oauthScopes).toEqual([
      'https://www.googleapis.com/auth/spreadsheets',
      'https://www.googleapis.com/auth/script.container.ui',
      'https://www.googleapis.com/auth/script.external_request',
      'https://www.googleapis.com/auth/script.scriptapp',
      'https://www.googleapis.com/auth/userinfo.email',
    ]);
  });

  test('depends on the OAuth2 library version 43', () => {
    expect(manifest.dependencies).toEqual({
      libraries: [{ userSymbol: 'OAuth2', libraryId: '1B7FSrk5Zi6L1rSxxTDgDEUsPzlukDsi4KGuTMorsTQHhGBzBkMun4iDF', version: '43' }],
    });
  });
});
