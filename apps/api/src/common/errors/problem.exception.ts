import { HttpException, HttpStatus } from '@nestjs/common';
import { FieldError } from '@hh/contracts';

/** Base of the problem type URIs (RFC 9457 "type"); each status has a stable slug under it. */
export const PROBLEM_TYPE_BASE = 'https://hardhathosting.work/problems/';

const SLUGS: Record<number, [slug: string, title: string]> = {
  400: ['validation-error', 'Your request is not valid'],
  401: ['unauthorized', 'Authentication required'],
  403: ['forbidden', 'Not allowed'],
  404: ['not-found', 'Not found'],
  405: ['method-not-allowed', 'Method not allowed'],
  409: ['conflict', 'Conflict with the current state'],
  413: ['payload-too-large', 'Request body too large'],
  415: ['unsupported-media-type', 'Unsupported content type'],
  429: ['rate-limited', 'Too many requests'],
  500: ['internal-error', 'Internal server error'],
  503: ['service-unavailable', 'Service unavailable'],
};

export function problemTypeFor(status: number): { type: string; title: string } {
  const [slug, title] = SLUGS[status] ?? (status >= 500 ? SLUGS[500] : ['error', 'Request failed']) ?? ['error', ''];
  return { type: `${PROBLEM_TYPE_BASE}${slug}`, title };
}

export interface ProblemOptions {
  errors?: FieldError[];
  /** A more precise problem type URI than the status's (e.g. MFA_SETUP_REQUIRED_PROBLEM), for clients to act on. */
  type?: string;
  title?: string;
  /** Sent as Retry-After (seconds) with a 429 or 503. */
  retryAfterSeconds?: number;
}

/** A domain error that already knows its problem+json shape. Throw it (or a helper below) from services. */
export class ProblemException extends HttpException {
  constructor(
    status: number,
    readonly detail: string,
    readonly problem: ProblemOptions = {},
  ) {
    super(detail, status);
  }
}

export const badRequest = (detail: string, errors?: FieldError[]) =>
  new ProblemException(HttpStatus.BAD_REQUEST, detail, { errors });
export const fieldError = (field: string, message: string) => badRequest(`${field} ${message}`, [{ field, message }]);
export const unauthorized = (detail: string) => new ProblemException(HttpStatus.UNAUTHORIZED, detail);
export const forbidden = (detail: string) => new ProblemException(HttpStatus.FORBIDDEN, detail);
export const notFound = (what: string) => new ProblemException(HttpStatus.NOT_FOUND, `${what} not found`);
export const conflict = (detail: string, errors?: FieldError[]) =>
  new ProblemException(HttpStatus.CONFLICT, detail, { errors });
export const tooManyRequests = (detail: string, retryAfterSeconds: number) =>
  new ProblemException(HttpStatus.TOO_MANY_REQUESTS, detail, { retryAfterSeconds });
export const serviceUnavailable = (detail: string, retryAfterSeconds: number) =>
  new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, detail, { retryAfterSeconds });
