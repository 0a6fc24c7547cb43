import { HttpStatus } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { ProblemException } from '../../common/errors/problem.exception';

/** A CSV import may be larger than the 100 KB JSON limit: 5,000 numbers with names take about 300 KB. */
export const CSV_BODY_LIMIT_BYTES = 1_048_576;

/** Route config flag (@RouteConfig) of the routes that take a text/csv body; every other route answers 415. */
export const ACCEPTS_CSV = 'acceptsCsv';

export const unsupportedMediaType = (detail: string) => new ProblemException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, detail);

/**
 * Teaches Fastify to read text/csv bodies as strings (up to 1 MB), for the routes marked with
 * `@RouteConfig({ acceptsCsv: true })` only: elsewhere text/csv stays a 415, as before.
 */
export function registerCsvBodyParser(fastify: FastifyInstance): void {
  if (fastify.hasContentTypeParser('text/csv')) return;
  fastify.addContentTypeParser(
    'text/csv',
    { parseAs: 'string', bodyLimit: CSV_BODY_LIMIT_BYTES },
    (request, body, done) => {
      const config = request.routeOptions.config as unknown as Record<string, unknown> | undefined;
      if (config?.[ACCEPTS_CSV] !== true) {
        done(
          Object.assign(new Error(`Unsupported Media Type: text/csv is not accepted here; send JSON`), {
            statusCode: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
          }),
          undefined,
        );
        return;
      }
      done(null, body);
    },
  );
}
