// ESLint flat config: typescript-eslint's recommended-type-checked rules (as vscode-eslint uses),
// with type information from tsconfig.json. Run by npm test ("lint"): `npx eslint`.
// Each rule turned down below says why; the counts are in the commit that added this file.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'out/**', '.vscode-test/**', 'server/src/generated/**', 'test/fixtures/**', 'bench/tmp/**'] },
  {
    files: ['server/src/**/*.ts', 'client/src/**/*.ts', 'scripts/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    extends: [js.configs.recommended, ...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Same convention as tsc's noUnusedParameters: a leading '_' marks a deliberately unused name.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true }],
      // Terminal and Markdown escaping match control characters on purpose.
      'no-control-regex': 'off',
      // Async interface implementations (checklist state file system) are async without awaiting, by contract.
      '@typescript-eslint/require-await': 'off',
      // 209 findings, all auto-fixable (`npx eslint --fix`): deferred until the parallel rewrites of formats/, rules/ and the client (issue 14 points 2-5) merge, to keep merges clean.
      '@typescript-eslint/no-unnecessary-type-assertion': 'warn',
      // String(value) of parsed YAML/XML scalars is deliberate; 12 findings to review case by case.
      '@typescript-eslint/no-base-to-string': 'warn',
    },
  },
  {
    // The server takes the values of vscode-languageserver/node from server/lspRuntime.ts only: the
    // package is CommonJS, and the bundle gives every module that imports a value from it a namespace
    // copy of its ~300 exports (~1 ms each on the way to `initialize`). Types cost nothing.
    files: ['server/src/**/*.ts'],
    ignores: ['server/src/server/lspRuntime.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: ['vscode-languageserver', 'vscode-languageserver/node'].map((name) => ({
          name, allowTypeImports: true, message: 'Import its values from server/src/server/lspRuntime.ts (one namespace copy in the bundle); types may come from the package.',
        })),
      }],
    },
  },
  {
    // Command arguments arrive untyped from VS Code (registerCommand's own signature is any[]); each command checks its arguments.
    files: ['client/src/extension.ts', 'client/src/commands/services.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-unsafe-argument': 'off', '@typescript-eslint/no-unsafe-member-access': 'off' },
  },
  {
    // The manifest generators walk package.json as parsed JSON (untyped by nature) and check what they read.
    files: ['scripts/manifest/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      // Tests and the benchmark read JSON from the CLI and LSP messages: the untyped value is the data under test, asserted right after.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/restrict-template-expressions': 'off',
      // Expected YAML is spelled with its indentation as the user sees it.
      'no-regex-spaces': 'off',
      // Tests require() JSON data and preload scripts where they need them, not at the top.
      '@typescript-eslint/no-require-imports': 'off',
      // Tests wrap file-system methods to inject faults, calling the original with its own this.
      '@typescript-eslint/unbound-method': 'off',
      // node:test's test(), describe() and test.todo() return promises the runner itself awaits.
      '@typescript-eslint/no-floating-promises': ['error', { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite', 'before', 'after', 'beforeEach', 'afterEach', 'todo', 'skip', 'only'] }] }],
    },
  },
);
