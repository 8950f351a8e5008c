// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const noVscode = {
  name: 'vscode',
  message: 'src/core and src/shared are plain Node: pass capabilities in instead.',
};
/** core and shared sit below host and the entry points. */
const coreUpward = {
  group: ['**/host/**', '**/host', '**/extension', '**/cli'],
  message: 'core/shared never depend on host or entry points.',
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', '.vscode-test/**', 'out/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['src/core/**/*.ts', 'src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noVscode],
          patterns: [coreUpward],
        },
      ],
    },
  },
  {
    // The store keeps data; features keep their logic (test/unit/storeBoundary.test.ts checks
    // the same with an allowlist). A later block replaces the rule, so core's limits come again.
    files: ['src/core/store/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noVscode],
          patterns: [
            coreUpward,
            {
              regex:
                '^(\\.\\./)+(bench|dashboard|export|fit|hardware|live|models|ollama|plans|rank|report|repositories|retention|sessions|suites|transfer|trends)(/|$)',
              message:
                'src/core/store holds backends, the collection contract, journaling and integrity: a feature builds its repository over the store, never the other way round.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noVscode],
          patterns: [
            {
              group: ['**/core/**', '**/host/**', 'node:*'],
              message: 'src/shared holds plain types and guards only (no vscode, no Node, no DOM).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['webview/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'vscode',
              message:
                'A webview cannot import vscode: talk to the host through src/shared/protocol.',
            },
          ],
          patterns: [
            {
              group: ['**/src/core/**', '**/src/host/**', 'node:*'],
              message: 'webview/ imports only src/shared.',
            },
          ],
        },
      ],
    },
  },
  {
    // One typed reader (src/host/settings.ts) reads every setting and reports its changes.
    files: ['src/**/*.ts'],
    ignores: ['src/host/settings.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'MemberExpression[property.name=/^(getConfiguration|onDidChangeConfiguration)$/]',
          message:
            'Read settings through SettingsReader (src/host/settings.ts): services.settings.',
        },
      ],
    },
  },
  {
    files: ['**/*.mjs', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
