import { readdirSync } from 'node:fs';
import baseConfig from '../../eslint.config.mjs';

/**
 * The API's layers (docs/architecture.md): controllers hold HTTP, services hold rules, repositories hold SQL.
 * These rules fail the lint when a layer reaches past its neighbour.
 */
const typeormModules = ['typeorm', '@nestjs/typeorm', 'mysql2', 'mysql2/*'];

/**
 * A feature reaches another feature's tables only through that feature's service, never its repository. A glob
 * cannot tell whether a relative path leaves the importing feature (`../x/y.repository` is another feature from
 * src/app/calls/, but calls' own folder x from src/app/calls/dto/), so there is one block per feature and folder
 * depth: from src/app/<feature>/ plus `depth` folders, an import leaves the feature when it climbs depth + 1 levels
 * and then does not come back into <feature>/. The features are the folders of src/app, read when the lint starts.
 */
const features = readdirSync(new URL('./src/app', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
/** Folder depths inside a feature that are checked (src/app/<feature>/a/b/c/d/x.ts is the deepest). */
const MAX_FEATURE_DEPTH = 5;
const escapeRegex = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const featureRepositoryRules = features.flatMap((feature) =>
  Array.from({ length: MAX_FEATURE_DEPTH }, (_, depth) => ({
    files: [`src/app/${feature}/${'*/'.repeat(depth)}*.ts`],
    ignores: ['src/app/**/*.controller.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `^(\\.\\./){${depth + 1}}(?!${escapeRegex(feature)}/).*\\.repository(\\.[cm]?[jt]s)?$`,
              message:
                "A feature reaches another feature's tables only through that feature's service, never its repository.",
            },
          ],
        },
      ],
    },
  })),
);

export default [
  ...baseConfig,
  {
    files: ['src/**/*.controller.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: typeormModules
            .filter((name) => !name.includes('*'))
            .map((name) => ({
              name,
              message: 'Controllers hold HTTP only: queries belong in a repository, called through a service.',
            })),
          patterns: [
            {
              group: ['**/*.repository', 'mysql2/*'],
              message: 'Controllers hold HTTP only: call a service, which calls the repository.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/common/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/app/*', '**/app/**'],
              message:
                'common/ must not depend on a feature: declare an interface or injection token in common/ and let the feature provide it.',
            },
          ],
        },
      ],
    },
  },
  ...featureRepositoryRules,
];
