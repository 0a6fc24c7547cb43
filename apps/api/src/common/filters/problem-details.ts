import { HttpException } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { ProblemDetails } from '@hh/contracts';
import { isPoolExhausted } from '../../database/pool-acquire-timeout';
import { isDatabaseUnavailable } from '../errors/database-errors';
import { ProblemException, problemTypeFor } from '../errors/problem.exception';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/**
 * Turns any error into an RFC 9457 problem. Known errors keep their status; database outages become 503;
 * anything else is a 500 whose body never shows internals (the caller logs the error).
 */
export function toProblem(error: unknown, instance?: string): ProblemDetails {
  if (error instanceof ProblemException) {
    const { type, title } = problemTypeFor(error.getStatus());
    return strip({
      type: error.problem.type ?? type,
      title: error.problem.title ?? title,
      status: error.getStatus(),
      detail: error.detail,
      instance,
      errors: error.problem.errors,
    });
  }
  if (error instanceof ThrottlerException) {
    const { type, title } = problemTypeFor(429);
    return { type, title, status: 429, detail: error.message, instance };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const { type, title } = problemTypeFor(status);
    return strip({ type, title, status, detail: httpExceptionDetail(error), instance });
  }
  const fastifyStatus = fastifyClientErrorStatus(error);
  if (fastifyStatus !== undefined) {
    const { type, title } = problemTypeFor(fastifyStatus);
    return { type, title, status: fastifyStatus, detail: (error as Error).message, instance };
  }
  if (isPoolExhausted(error)) {
    const { type, title } = problemTypeFor(503);
    return { type, title, status: 503, detail: 'The service is busy; try again in a few seconds', instance };
  }
  if (isDatabaseUnavailable(error)) {
    const { type, title } = problemTypeFor(503);
    return { type, title, status: 503, detail: 'The database is unreachable; try again shortly', instance };
  }
  const { type, title } = problemTypeFor(500);
  return { type, title, status: 500, detail: 'An unexpected error occurred; it has been logged', instance };
}

/** Seconds a client should wait before retrying, for the errors that pass (Retry-After); undefined otherwise. */
export function retryAfterSeconds(error: unknown): number | undefined {
  if (error instanceof ProblemException) return error.problem.retryAfterSeconds;
  return isPoolExhausted(error) ? POOL_RETRY_AFTER_SECONDS : undefined;
}

const POOL_RETRY_AFTER_SECONDS = 2;

function httpExceptionDetail(error: HttpException): string {
  const response = error.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  if (typeof message === 'string') return message;
  return error.message;
}

/** Fastify marks its own client errors (parsing, limits) with a 4xx statusCode and an FST_ code. */
function fastifyClientErrorStatus(error: unknown): number | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const status = (error as { statusCode?: unknown }).statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) return status;
  return undefined;
}

function strip(problem: ProblemDetails): ProblemDetails {
  const out = { ...problem };
  if (out.errors === undefined) delete out.errors;
  if (out.instance === undefined) delete out.instance;
  return out;
}
