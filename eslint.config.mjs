import nx from '@nx/eslint-plugin';

/** Modules only the API may use: the web app and the shared contracts must never pull them in. */
const serverOnlyImports = [
  '@nestjs/*',
  'typeorm',
  'mysql2',
  'bcrypt',
  'ioredis',
  'postgrator',
  'fastify',
  '@fastify/*',
  'passport*',
  'node:*',
  'fs',
  'path',
  'crypto',
  'os',
  'child_process',
  'http',
  'https',
  'net',
  'stream',
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/dist', '**/out-tsc', '**/test-results', '**/playwright-report'],
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$'],
          depConstraints: [
            {
              sourceTag: 'scope:web',
              onlyDependOnLibsWithTags: ['scope:shared'],
              bannedExternalImports: serverOnlyImports,
            },
            {
              sourceTag: 'scope:shared',
              onlyDependOnLibsWithTags: ['scope:shared'],
              bannedExternalImports: [...serverOnlyImports, '@angular/*', 'class-validator', 'class-transformer'],
            },
            { sourceTag: 'scope:api', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:e2e', onlyDependOnLibsWithTags: ['scope:shared'] },
          ],
        },
      ],
    },
  },
];
