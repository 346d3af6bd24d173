/**
 * The README's deployment steps must name every scope the add-on's Zoom app needs: a missing one
 * breaks a feature only after a real deployment.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ACCOUNT_APP, USER_APP_SCOPES } from '../../local/data/seeds';
import { SCOPES } from '../../src/zoom/api';

const readme = readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');

describe('README scopes', () => {
  test.each(USER_APP_SCOPES)('names %s', (scope) => {
    expect(readme).toContain(`\`${scope}\``);
  });

  test('names the granular scope of every endpoint the add-on calls', () => {
    const granular = Object.values(SCOPES).flatMap((scopes) => scopes.filter((scope) => scope.split(':').length > 2 && !scope.endsWith(':admin') ));
    const missing = [...new Set(granular)].filter((scope) => !readme.includes(`\`${scope}\``));

    expect(missing).toEqual([]);
  });

  test('says account mode needs the admin versions', () => {
    expect(ACCOUNT_APP.scopes.every((scope) => scope.endsWith(':admin'))).toBe(true);
    expect(readme).toContain('with the `:admin` version of each scope above');
  });
});
