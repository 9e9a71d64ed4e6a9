/**
 * Lint rules that hold the layers (`npm run lint`, run by `npm test` right after the type check).
 * Syntax only, no type-aware linting, so it stays fast. The layers (README "Layout"):
 *
 * - process.env is read only in src/config/. Tests, bench and scripts are outside src/ and
 *   may read and set the environment (TEST_DATABASE_URL, child processes' settings).
 * - src/domain/ is pure: nothing from services, storage, server, security, config, policies, web, cli, workers,
 *   and no database, HTTP or worker-pool package.
 * - src/storage/ imports nothing from services, server, web, cli or workers.
 * - src/web/ takes only types from the server side (`import type` from server, services, policies,
 *   src/errors.ts); pure domain modules it may import by value (shared enumerations, the questionnaire's
 *   skip logic); nothing at all from storage, security, config, cli or workers.
 *
 * Imports are matched as written (relative paths), by the layer folder named after the `../` run.
 */
import tseslint from 'typescript-eslint';

/** A pattern for no-restricted-imports: relative imports that climb into one of `layers`. */
const into = (layers, message, allowTypeImports = false) => ({
  regex: `^(\\.\\./)+(${layers.join('|')})(/|\\.ts$|$)`,
  message,
  allowTypeImports,
});

/** Kysely only in src/storage/: services orchestrate repositories; they never build queries. */
const KYSELY_ONLY_IN_STORAGE = true;
const kyselyOutsideStorage = KYSELY_ONLY_IN_STORAGE
  ? [
      {
        regex: '^kysely(/|$)',
        message: 'Only src/storage/ talks to the database: move the query into a repository.',
        allowTypeImports: true,
      },
    ]
  : [];

/** A transaction handed to a service must not be used to build a query there either (no import needed for that). */
const queryBuildingOutsideStorage = KYSELY_ONLY_IN_STORAGE
  ? [
      {
        selector:
          'CallExpression[callee.property.name=/^(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto|with)$/][callee.object.name=/^(tx|db|trx|kysely)$/]',
        message: 'Only src/storage/ builds queries: move it into a repository.',
      },
    ]
  : [];

/** The rule's options for one layer; every layer but storage also gets the Kysely restriction (when on). */
const restricted = (patterns = [], { storage = false } = {}) => [
  'error',
  { patterns: [...patterns, ...(storage ? [] : kyselyOutsideStorage)] },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'data/**'] },
  {
    files: ['src/**/*.{ts,tsx,mts,js,mjs}'],
    languageOptions: { parser: tseslint.parser, ecmaVersion: 'latest', sourceType: 'module' },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Read settings in src/config/ (env.ts) and pass them in; nothing else reads the environment.',
        },
        ...queryBuildingOutsideStorage,
        {
          selector: "MemberExpression[object.name='process'][property.value='env']",
          message: 'Read settings in src/config/ (env.ts) and pass them in; nothing else reads the environment.',
        },
      ],
      'no-restricted-imports': restricted(),
    },
  },
  {
    files: ['src/config/**'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['src/domain/**'],
    rules: {
      'no-restricted-imports': restricted([
        into(
          ['services', 'storage', 'server', 'security', 'config', 'policies', 'web', 'cli', 'workers'],
          'src/domain/ is pure logic: it imports no other layer (pass what it needs in as arguments).',
        ),
        {
          regex: '^(kysely|pg|fastify|@fastify/|@electric-sql/|piscina)',
          message: 'src/domain/ has no HTTP and no SQL: the services and repositories do that.',
        },
      ]),
    },
  },
  {
    files: ['src/storage/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Read settings in src/config/ (env.ts) and pass them in; nothing else reads the environment.',
        },
      ],
      'no-restricted-imports': restricted(
        [
          into(
            ['services', 'server', 'web', 'cli', 'workers'],
            'src/storage/ sits below the services: it imports nothing from services, server, web, cli or workers.',
          ),
        ],
        { storage: true },
      ),
    },
  },
  {
    files: ['src/web/**'],
    rules: {
      'no-restricted-imports': restricted([
        into(
          ['server', 'services', 'policies', 'errors'],
          'The web takes only types from the server side: use `import type` (permissions come from the session view).',
          true,
        ),
        into(
          ['storage', 'security', 'config', 'cli', 'workers'],
          'The web imports nothing from storage, security, config, cli or workers.',
        ),
      ]),
    },
  },
);
