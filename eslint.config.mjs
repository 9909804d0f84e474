// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'data/', '.cache/', 'bench-results/', '*.js', '*.mjs'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' }],
      'no-console': 'error',
    },
  },
  {
    // Jest loads global setup and teardown through their default export.
    files: ['tests/infra/global-*.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // Vite loads its configuration through the default export; it runs in Node.
    files: ['apps/console/vite.config.mjs'],
    languageOptions: { globals: { URL: 'readonly' } },
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['libs/domain/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'Time comes from command metadata.' }],
      'no-restricted-syntax': ['error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Time comes from command metadata, not the clock.' },
        { selector: "CallExpression[callee.property.name='randomUUID']", message: 'Ids come from commands, not the decider.' },
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'Deciders are deterministic.' }],
    },
  },
  {
    files: ['libs/**/*.ts', 'apps/**/*.ts'],
    ignores: ['libs/config/**', '**/*.spec.ts', '**/*.int-spec.ts'],
    rules: {
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Configuration is read in libs/config only.' }],
    },
  },
);
