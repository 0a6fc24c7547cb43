import { HttpStatus } from '@nestjs/common';
import { errorCodes, FastifyInstance, FastifyRequest } from 'fastify';
import { LIMITS } from '@hh/contracts';
import { ProblemException } from '../../common/errors/problem.exception';

/** Route config flag (@RouteConfig) of the routes that take a text/csv body; every other route answers 415. */
export const ACCEPTS_CSV = 'acceptsCsv';

export const unsupportedMediaType = (detail: string) => new ProblemException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, detail);

/**
 * Teaches Fastify to read text/csv bodies as strings (up to LIMITS.csvImportBytes), for the routes marked with
 * `@RouteConfig({ acceptsCsv: true })` only. Every other route answers 415 before a byte of the body is read
 * (Fastify then closes the connection), so text/csv cannot make any route take in a megabyte.
 */
export function registerCsvBodyParser(fastify: FastifyInstance): void {
  if (fastify.hasContentTypeParser('text/csv')) return;
  // No parseAs: Fastify would read the whole body before asking the route.
  fastify.addContentTypeParser('text/csv', (request, payload, done) => {
    const config = request.routeOptions.config as unknown as Record<string, unknown> | undefined;
    if (config?.[ACCEPTS_CSV] !== true) {
      done(
        Object.assign(new Error('Unsupported Media Type: text/csv is not accepted here; send JSON'), {
          statusCode: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        }),
        undefined,
      );
      return;
    }
    // A CSV import may be larger than the 100 KB JSON limit: 5,000 numbers with names take about 300 KB.
    readText(request, payload, LIMITS.csvImportBytes, done);
  });
}

/** The body as UTF-8, refused with Fastify's own 413 once it passes `limit` bytes (declared or received). */
function readText(
  request: FastifyRequest,
  payload: NodeJS.ReadableStream,
  limit: number,
  done: (error: Error | null, body?: string) => void,
): void {
  if (Number(request.headers['content-length']) > limit) {
    done(new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE());
    return;
  }
  const chunks: Buffer[] = [];
  let received = 0;
  const finish = (error: Error | null, body?: string) => {
    payload.removeListener('data', onData);
    payload.removeListener('end', onEnd);
    payload.removeListener('error', onError);
    done(error, body);
  };
  const onData = (chunk: Buffer | string) => {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    received += bytes.length;
    if (received > limit) finish(new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE());
    else chunks.push(bytes);
  };
  const onEnd = () => finish(null, Buffer.concat(chunks, received).toString('utf8'));
  const onError = (error: Error) => finish(Object.assign(error, { statusCode: HttpStatus.BAD_REQUEST }));
  payload.on('data', onData);
  payload.on('end', onEnd);
  payload.on('error', onError);
  payload.resume();
}
