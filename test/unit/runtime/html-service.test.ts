import { createHtmlService, describeHtmlOutput, renderTemplateForBrowser } from '../../../local/runtime/html-service';

const FILES: Record<string, string> = {
  sidebar: '<h1><?= title ?></h1>',
  page: '<p>static</p>',
};

function createHarness(globals: object = {}): { service: GoogleAppsScript.HTML.HtmlService; counts: string[]; reads: string[] } {
  const counts: string[] = [];
  const reads: string[] = [];
  const service = createHtmlService({
    readFile: (name) => {
      reads.push(name);

      const content = FILES[name];

      if (content === undefined) throw new Error(`ENOENT: ${name}.html`);

      return content;
    },
    count: (method) => counts.push(method),
    globalScope: () => globals,
  });

  return { service, counts, reads };
}

describe('HtmlTemplate scriptlets', () => {
  test('escapes script tags and quotes in text', () => {
    const html = renderTemplateForBrowser('<p><?= name ?></p>', { name: `<script>alert("x")</script> & 'y'` });

    expect(html).toBe('<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;</p>');
  });

  test('escapes quotes in attributes', () => {
    const html = renderTemplateForBrowser('<input value="<?= value ?>" title=\'<?= value ?>\'>', { value: `a" onfocus="x' b` });

    expect(html).toBe('<input value="a&quot; onfocus=&quot;x&#39; b" title=\'a&quot; onfocus=&quot;x&#39; b\'>');
  });

  test('replaces javascript URLs', () => {
    const html = renderTemplateForBrowser('<a href="<?= link ?>">x</a><a href="<?= safe ?>">y</a>', { link: 'javascript:alert(1)', safe: 'https://zoom.us/j/1?a=1&b=2' });

    expect(html).toBe('<a href="about:invalid#zClosurez">x</a><a href="https://zoom.us/j/1?a=1&amp;b=2">y</a>');
  });

  test('script context prints literals', () => {
    const html = renderTemplateForBrowser('<script>var state = <?= state ?>; var n = <?= n ?>;</script>', { state: { name: '</script><b>' }, n: 3 });

    expect(html).toBe('<script>var state = {"name":"\\u003c/script\\u003e\\u003cb\\u003e"}; var n = 3;</script>');
  });

  test('raw output is not escaped', () => {
    expect(renderTemplateForBrowser('<div><?!= markup ?></div>', { markup: '<b>bold</b>' })).toBe('<div><b>bold</b></div>');
  });

  test('null and undefined print nothing', () => {
    expect(renderTemplateForBrowser('[<?= a ?>|<?!= b ?>]', { a: null, b: undefined })).toBe('[|]');
  });

  test('loops span HTML', () => {
    const template = '<ul><? for (var i = 0; i < items.length; i++) { ?><li><?= items[i] ?></li><? } ?></ul>';

    expect(renderTemplateForBrowser(template, { items: ['a', '<b>'] })).toBe('<ul><li>a</li><li>&lt;b&gt;</li></ul>');
  });

  test('conditions and trailing semicolons', () => {
    const template = '<? if (connected) { ?>yes<? } else { ?>no<? } ?> <?= count; ?>';

    expect(renderTemplateForBrowser(template, { connected: false, count: 2 })).toBe('no 2');
  });

  test('output object in code scriptlets', () => {
    expect(renderTemplateForBrowser('<? output.append("<i>"); output.appendUntrusted("<i>"); ?>', {})).toBe('<i>&lt;i&gt;');
  });

  test('syntax error names template', () => {
    expect(() => renderTemplateForBrowser('<? if ( ?>', {})).toThrow('Syntax error in HTML template');
  });
});

describe('HtmlService', () => {
  test('template properties visible to scriptlets', () => {
    const { service, counts } = createHarness();
    const template = service.createTemplate('<p><?= greeting ?>, <?= user.name ?></p>');

    template.greeting = 'Hello';
    template.user = { name: 'Ana <admin>' };

    expect(template.evaluate().getContent()).toBe('<p>Hello, Ana &lt;admin&gt;</p>');
    expect(counts).toEqual(['createTemplate', 'evaluate']);
  });

  test('template code sees script globals', () => {
    const { service } = createHarness({ include: (name: string) => `<style>/* ${name} */</style>` });

    expect(service.createTemplate('<?!= include("css") ?>').evaluate().getContent()).toBe('<style>/* css */</style>');
  });

  test('template from file', () => {
    const { service, reads } = createHarness();
    const template = service.createTemplateFromFile('sidebar.html');

    template.title = 'Zoom <Attendance>';

    expect(template.evaluate().getContent()).toBe('<h1>Zoom &lt;Attendance&gt;</h1>');
    expect(template.getRawContent()).toBe('<h1><?= title ?></h1>');
    expect(template.getCode()).toContain('__print("text", (title');
    expect(reads).toEqual(['sidebar']);
  });

  test('missing file throws', () => {
    const { service } = createHarness();

    expect(() => service.createHtmlOutputFromFile('missing')).toThrow('No HTML file named missing was found.');
  });

  test('output settings', () => {
    const { service } = createHarness();
    const output = service
      .createHtmlOutputFromFile('page')
      .setTitle('Zoom Attendance')
      .setWidth(300)
      .setHeight(200)
      .setSandboxMode(service.SandboxMode.IFRAME)
      .setXFrameOptionsMode(service.XFrameOptionsMode.ALLOWALL)
      .setFaviconUrl('https://example.com/icon.png')
      .addMetaTag('viewport', 'width=device-width');

    expect(output.getTitle()).toBe('Zoom Attendance');
    expect(output.getWidth()).toBe(300);
    expect(output.getHeight()).toBe(200);
    expect(output.getFaviconUrl()).toBe('https://example.com/icon.png');
    expect(output.getMetaTags().map((tag) => [tag.getName(), tag.getContent()])).toEqual([['viewport', 'width=device-width']]);
    expect(describeHtmlOutput(output)).toMatchObject({ sandboxMode: 'IFRAME', xFrameOptionsMode: 'ALLOWALL', content: '<p>static</p>' });
  });

  test('append, appendUntrusted and clear', () => {
    const { service } = createHarness();
    const output = service.createHtmlOutput('<p>a</p>').append('<b>b</b>').appendUntrusted('<i>c</i>');

    expect(output.getContent()).toBe('<p>a</p><b>b</b>&lt;i&gt;c&lt;/i&gt;');
    expect(output.clear().getContent()).toBe('');
    expect(output.setContent('<p>new</p>').getBlob().getDataAsString()).toBe('<p>new</p>');
  });

  test('rejects unknown meta tag', () => {
    const { service } = createHarness();

    expect(() => service.createHtmlOutput().addMetaTag('refresh', '0')).toThrow('Invalid argument: meta tag name "refresh"');
  });

  test('asTemplate evaluates content', () => {
    const { service } = createHarness();
    const template = service.createHtmlOutput('<?= 1 + 1 ?>').asTemplate();

    expect(template.evaluate().getContent()).toBe('2');
  });
});
