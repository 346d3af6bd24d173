import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const appsScriptGlobals = Object.fromEntries(
  [
    'CacheService',
    'HtmlService',
    'LockService',
    'Logger',
    'OAuth2',
    'PropertiesService',
    'ScriptApp',
    'Session',
    'SpreadsheetApp',
    'UrlFetchApp',
    'Utilities',
  ].map((name) => [name, 'readonly']),
);

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'build/', 'coverage/', 'test/schemas/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      'padding-line-between-statements': [
        'error',
        { blankLine: 'always', prev: ['if', 'for', 'while', 'do', 'try', 'switch'], next: '*' },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.ts'],
    languageOptions: { globals: appsScriptGlobals },
    rules: {
      // Zoom takes its scopes from the app's configuration; a scope parameter on the authorize
      // URL makes Zoom show "Invalid scope" before the consent screen.
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='setScope']",
          message: 'Do not call setScope on the Zoom service: Zoom rejects a scope parameter.',
        },
        {
          // Zoom client IDs and secrets: 20+ letters and digits, mixed case, with a digit.
          selector: 'Literal[value=/^(?=.*[0-9])(?=.*[a-z])(?=.*[A-Z])[A-Za-z0-9]{20,}$/]',
          message: 'Long credential-like literal: keep Zoom client IDs and secrets in Script Properties.',
        },
      ],
    },
  },
  {
    files: ['**/*.cjs', '**/*.mjs', 'local/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
