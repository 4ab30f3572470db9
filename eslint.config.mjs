// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import { readdirSync } from 'node:fs';

/**
 * Dependencies point inward: apps → adapters / storage / reports / history / simulator → kpi →
 * call-events, calendar. Each lib may import exactly the libs listed here (and no app); a new lib gets a line.
 */
const LIB_IMPORTS = {
  validation: [],
  calendar: [],
  'call-events': [],
  kpi: ['call-events', 'calendar'],
  staffing: ['call-events', 'calendar', 'kpi'],
  access: [],
  alarms: ['kpi'],
  asterisk: ['call-events', 'calendar', 'kpi'],
  freeswitch: ['call-events', 'kpi'],
  storage: ['call-events', 'calendar', 'kpi', 'alarms'],
  reports: ['call-events', 'calendar', 'kpi', 'staffing', 'storage', 'validation'],
  history: ['call-events', 'calendar', 'kpi', 'storage', 'asterisk', 'freeswitch'],
  simulator: ['call-events', 'calendar', 'kpi', 'staffing', 'asterisk', 'freeswitch', 'validation'],
  // HiGHS in a worker thread: an I/O adapter of staffing's MilpSolver port, not pure.
  milp: ['staffing'],
  // The seat plan and who sits where on the wall.
  seats: [],
  // Redis Streams, the ingest lease and append-once: an I/O adapter (ioredis), not pure.
  cluster: ['call-events'],
};

// A lib without a line would escape every rule below.
const unplaced = readdirSync(new URL('./libs', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !(entry.name in LIB_IMPORTS))
  .map((entry) => `libs/${entry.name}`);
if (unplaced.length > 0)
  throw new Error(`eslint.config.mjs: give ${unplaced.join(', ')} a line in LIB_IMPORTS`);

/** Libs that are pure TypeScript: no framework, no transport, no storage, no I/O. */
const PURE_LIBS = [
  'call-events',
  'calendar',
  'kpi',
  'staffing',
  'access',
  'alarms',
  'validation',
  'seats',
];

const APPS = ['monitor', 'simulator'];

/** Node's I/O modules (bare and node:-prefixed); pure computation (crypto, path, util) is fine. */
const IO_MODULES = [
  'fs',
  'fs/promises',
  'http',
  'https',
  'http2',
  'net',
  'tls',
  'dgram',
  'dns',
  'dns/promises',
  'child_process',
  'cluster',
  'worker_threads',
  'readline',
  'inspector',
].flatMap((name) => [name, `node:${name}`]);

/** Frameworks, transports and storage engines a pure lib must not reach. */
const FRAMEWORK_PACKAGES = [
  '@nestjs/*',
  'express',
  'ws',
  'prom-client',
  'typeorm',
  'pg',
  'better-sqlite3',
  'exceljs',
  'pino',
  'nestjs-pino',
];

/** Import specifiers that reach lib `name`: its alias, a deep path, or a relative path into it. */
const libSpecifiers = (name) => [
  `@hotline/${name}`,
  `@hotline/${name}/*`,
  `**/libs/${name}`,
  `**/libs/${name}/**`,
  `**/${name}/src`,
  `**/${name}/src/**`,
];

/** Import specifiers that reach one of `apps` (relative paths only: apps have no alias). */
const appSpecifiers = (apps) => [
  '**/apps',
  '**/apps/**',
  ...apps.flatMap((name) => [`**/${name}/src`, `**/${name}/src/**`]),
];

/** The patterns every file of lib `name` obeys: no app, no lib outside its list, no HttpException. */
const libPatterns = (name) => [
  { group: appSpecifiers(APPS), message: 'libs never import apps.' },
  {
    group: Object.keys(LIB_IMPORTS)
      .filter((other) => other !== name && !LIB_IMPORTS[name].includes(other))
      .flatMap(libSpecifiers),
    message: `Dependencies point inward (apps → adapters/storage/reports/history → kpi → call-events): libs/${name} may import only ${LIB_IMPORTS[name].map((l) => `@hotline/${l}`).join(', ') || 'no other lib'}.`,
  },
  { group: ['@nestjs/common/exceptions/*'], message: 'No HttpException below apps/.' },
];

/** What a pure lib may not import on top of its lib patterns: frameworks and I/O. */
const pureLibPatterns = [
  {
    group: FRAMEWORK_PACKAGES,
    message: `${PURE_LIBS.map((l) => `libs/${l}`).join(', ')} are pure: no framework, transport or storage.`,
  },
];
const pureLibPaths = IO_MODULES.map((name) => ({
  name,
  message: 'Pure libs do no I/O: the adapters, storage and the app do it and pass data in.',
}));

const libBlock = (name) => ({
  files: [`libs/${name}/**/*.ts`],
  ignores: ['**/*.spec.ts'],
  rules: {
    'no-restricted-imports': [
      'error',
      PURE_LIBS.includes(name)
        ? { patterns: [...libPatterns(name), ...pureLibPatterns], paths: pureLibPaths }
        : { patterns: libPatterns(name) },
    ],
  },
});

const appBlock = (name) => ({
  files: [`apps/${name}/**/*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            group: appSpecifiers(APPS.filter((other) => other !== name)),
            message: 'An app never imports another app: share code through a lib (libs/…).',
          },
        ],
      },
    ],
  },
});

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'test-artifacts/**',
      '**/*.js',
      '**/*.mjs',
      '!apps/monitor/public/js/**/*.js',
      'apps/monitor/public/vendor/**',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  prettier,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  ...APPS.map(appBlock),
  ...Object.keys(LIB_IMPORTS).map(libBlock),
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
  {
    // The wallboard and leader pages: plain ES modules loaded by the browser, no build step.
    files: ['apps/monitor/public/js/**/*.js'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { sourceType: 'module', globals: globals.browser },
    // What typescript-eslint turns on for .ts files only.
    rules: {
      'no-var': 'error',
      'prefer-const': 'error',
      'prefer-rest-params': 'error',
      'prefer-spread': 'error',
    },
  },
);
