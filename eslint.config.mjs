// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

const pureLibBans = (allowed) => ({
  patterns: [
    { group: ['@nestjs/*', 'typeorm', 'ws', 'prom-client', 'pg', 'better-sqlite3', 'node:net', 'net', 'express'], message: 'libs/kpi, libs/call-events, libs/staffing and libs/access are pure: no framework, transport or storage.' },
    { group: ['../../apps/*', '../../../apps/*', '@hotline/asterisk', '@hotline/freeswitch', ...allowed], message: 'Dependencies point inward: apps → adapters → kpi → call-events.' },
  ],
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'test-artifacts/**', '**/*.js', '**/*.mjs', 'apps/monitor/public/vendor/**'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  prettier,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['libs/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['../../apps/*', '../../../apps/*', '**/apps/monitor/**', '**/apps/simulator/**'], message: 'libs never import apps.' }, { group: ['@nestjs/common/exceptions/*'], message: 'No HttpException below apps/.' }] }],
    },
  },
  {
    files: ['libs/kpi/**/*.ts', 'libs/call-events/**/*.ts', 'libs/staffing/**/*.ts', 'libs/access/**/*.ts', 'libs/alarms/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: { 'no-restricted-imports': ['error', pureLibBans([])] },
  },
  {
    files: ['**/*.spec.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
