// Compiles Apps Script HTML templates (https://developers.google.com/apps-script/guides/html/templates):
// <?= expr ?> prints with contextual escaping, <?!= expr ?> prints raw, and <? code ?> runs
// statements, which may span HTML (loops, conditions).

/** Where a printing scriptlet sits in the HTML, which decides how its value is escaped. */
export type OutputContext = 'text' | 'attribute' | 'url' | 'script';

/** A compiled template: the generated JavaScript and a function that runs it. */
export interface CompiledTemplate {
  code: string;
  render(data: object, scope: object): string;
}

const SCRIPTLET = /<\?(!=|=)?([\s\S]*?)\?>/g;
const URL_ATTRIBUTE_AT_END = /\s(?:href|src|action|formaction|xlink:href)\s*=\s*["']?$/i;
/** URL schemes that run code or embed content; a printed URL with one of them is replaced. */
const UNSAFE_URL = /^\s*(?:javascript|vbscript|data):/i;
/** An inert URL printed in place of an unsafe one. */
export const UNSAFE_URL_REPLACEMENT = 'about:invalid#zClosurez';

/** Compiles a template; throws an Error naming the template when the scriptlets are not valid JavaScript. */
export function compileTemplate(html: string, name = 'template'): CompiledTemplate {
  const statements: string[] = [];
  let precedingHtml = '';
  let last = 0;

  for (const match of html.matchAll(SCRIPTLET)) {
    const text = html.slice(last, match.index);
    const kind = match[1];
    const body = match[2] as string;

    precedingHtml += text;
    last = (match.index ?? 0) + match[0].length;

    if (text !== '') statements.push(`output.append(${JSON.stringify(text)});`);

    if (kind === '=') {
      statements.push(`__print(${JSON.stringify(contextAt(precedingHtml))}, (${trimExpression(body)}\n));`);
    } else if (kind === '!=') {
      statements.push(`__printRaw((${trimExpression(body)}\n));`);
    } else {
      statements.push(`${body}\n`);
    }
  }

  if (last < html.length) statements.push(`output.append(${JSON.stringify(html.slice(last))});`);

  const code = statements.join('\n');
  let run: (scope: object, data: object, print: unknown, printRaw: unknown, output: unknown) => void;

  try {
    // Template code is sloppy-mode JavaScript, as in Apps Script: `with` makes the template's
    // properties, then the script's globals, visible as variables.
    run = new Function('__scope', '__data', '__print', '__printRaw', 'output', `with (__scope) { with (__data) {\n${code}\n} }`) as typeof run;
  } catch (error) {
    throw new Error(`Syntax error in HTML ${name}: ${(error as Error).message}`);
  }

  return {
    code,
    render(data: object, scope: object): string {
      const chunks: string[] = [];
      const output = {
        append: (text: unknown) => chunks.push(String(text)),
        appendUntrusted: (text: unknown) => chunks.push(escapeHtml(String(text))),
      };
      const print = (context: OutputContext, value: unknown) => chunks.push(escapeForContext(value, context));
      const printRaw = (value: unknown) => chunks.push(value === undefined || value === null ? '' : String(value));

      run(scope, data, print, printRaw, output);

      return chunks.join('');
    },
  };
}

/** Escapes a value for where it is printed: HTML text or attribute, URL attribute, or inside a script element. */
export function escapeForContext(value: unknown, context: OutputContext): string {
  if (context === 'script') return toScriptLiteral(value);

  if (value === undefined || value === null) return '';

  const text = String(value);

  if (context === 'url' && UNSAFE_URL.test(text)) return UNSAFE_URL_REPLACEMENT;

  return escapeHtml(text);
}

/** Escapes the five HTML-significant characters, which is safe in text and in quoted or unquoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Writes a value as a JavaScript literal that cannot close the script element or break the line. */
function toScriptLiteral(value: unknown): string {
  const json = value === undefined ? 'undefined' : JSON.stringify(value) ?? 'undefined';

  return json
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Decides the escaping context from the HTML before a scriptlet. */
function contextAt(precedingHtml: string): OutputContext {
  const lower = precedingHtml.toLowerCase();

  if (lower.lastIndexOf('<script') > lower.lastIndexOf('</script')) {
    const openTagEnd = lower.indexOf('>', lower.lastIndexOf('<script'));

    if (openTagEnd >= 0) return 'script';
  }

  if (precedingHtml.lastIndexOf('<') <= precedingHtml.lastIndexOf('>')) return 'text';

  return URL_ATTRIBUTE_AT_END.test(precedingHtml) ? 'url' : 'attribute';
}

/** Drops trailing semicolons, so that `<?= value; ?>` prints the value as Apps Script does. */
function trimExpression(body: string): string {
  return body.trim().replace(/;+$/, '');
}
