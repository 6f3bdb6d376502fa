// `npm run lint` (part of `npm test`): eslint's and typescript-eslint's recommended rules.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'docs/**', '.scratch/**', 'node_modules/**', '.venv/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // Handler and JSON plumbing is typed at the edges; `any` inside is a deliberate, reviewed choice.
      '@typescript-eslint/no-explicit-any': 'off',
      // `{} extends Params` is the type-level test for "every parameter is optional".
      '@typescript-eslint/no-empty-object-type': 'off',
      // A callback made before the assignment may read the variable (synchronous completion): let, not const.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          caughtErrors: 'none',
        },
      ],
    },
  },
  {
    // Specs load a second module copy (`jest.isolateModules`) and the globalSetup with `require`.
    files: ['spec/**/*.ts'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.cjs', '**/*.mjs', '**/*.js'],
    languageOptions: { globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
