import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldError } from '@hh/contracts';
import { badRequest } from '../errors/problem.exception';

/**
 * The strict global pipe: unknown properties are refused by name, values are converted to the
 * DTO's types, and every failure becomes a 400 problem listing each field with its message.
 */
export function createValidationPipe(): ValidationPipe {
  return new StrictValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: true },
    stopAtFirstError: true,
    exceptionFactory: (errors) => {
      const fieldErrors = flattenValidationErrors(errors);
      const unknown = fieldErrors.filter((e) => e.message === UNKNOWN_PROPERTY).map((e) => e.field);
      const invalid = fieldErrors.filter((e) => e.message !== UNKNOWN_PROPERTY);
      if (fieldErrors.length === 0) return badRequest('The request body must be a JSON object');
      const parts: string[] = [];
      if (unknown.length > 0) parts.push(`Unknown propert${unknown.length === 1 ? 'y' : 'ies'}: ${unknown.join(', ')}`);
      if (invalid.length > 0) parts.push(invalid.map((e) => `${e.field} ${e.message}`).join('; '));
      return badRequest(parts.join('. '), fieldErrors);
    },
  });
}

const UNKNOWN_PROPERTY = 'is not allowed';
const REQUIRED = 'is required';

/** Bodies must be JSON objects: an array, a string or null is refused as such; no body at all counts as {}. */
class StrictValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // Route params keep their raw text for their own pipes (IdParamPipe): converting ":id" to a number here
    // would turn "abc" into NaN before it could be refused by name.
    if (metadata.type === 'param') return value;
    if (metadata.type === 'body' && metadata.metatype && metadata.metatype !== Object) {
      if (value === undefined) value = {};
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        throw badRequest('The request body must be a JSON object');
      }
      assertSaneBody(value);
    }
    return super.transform(value, metadata);
  }
}

const MALFORMED_TEXT = 'must be valid Unicode text';
/** With the u flag a surrogate pair is one code point, so only a lone (unpaired) surrogate matches. */
const LONE_SURROGATE = /\p{Cs}/u;
/** Far beyond any DTO of the API; class-transformer recurses per level and overflows the stack near 5,000. */
const MAX_BODY_DEPTH = 32;

/**
 * Two things JSON allows that must not reach class-transformer and the database (both were 500s):
 * nesting deep enough to overflow the stack, and lone surrogates ("\ud800"), which are not text (MariaDB's JSON
 * check refuses them in the activity log's details; utf8mb4 columns would silently turn them into U+FFFD).
 * Walked iteratively, with field paths built only on a hit, since a 100 KB body can nest thousands of levels.
 */
function assertSaneBody(body: object): void {
  interface Step {
    value: unknown;
    key: string;
    depth: number;
    parent?: Step;
  }
  const pathOf = (step: Step): string => {
    const keys: string[] = [];
    for (let at: Step | undefined = step; at?.parent; at = at.parent) keys.unshift(at.key);
    return keys.join('.') || 'body';
  };
  const malformed = (step: Step) => {
    const field = pathOf(step);
    return badRequest(`${field} ${MALFORMED_TEXT}`, [{ field, message: MALFORMED_TEXT }]);
  };
  const pending: Step[] = [{ value: body, key: '', depth: 0 }];
  for (let step = pending.pop(); step; step = pending.pop()) {
    const { value, depth } = step;
    if (typeof value === 'string' && LONE_SURROGATE.test(value)) throw malformed(step);
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_BODY_DEPTH) {
      throw badRequest(`The request body is nested more than ${MAX_BODY_DEPTH} levels deep`);
    }
    for (const [key, child] of Object.entries(value)) {
      const next = { value: child, key, depth: depth + 1, parent: step };
      if (LONE_SURROGATE.test(key)) throw malformed(next);
      pending.push(next);
    }
  }
}

export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const constraints = Object.entries(error.constraints ?? {}).filter(([name]) => name !== 'unknownValue');
    if (constraints.some(([name]) => name === 'whitelistValidation')) {
      out.push({ field, message: UNKNOWN_PROPERTY });
    } else if (constraints.length > 0 && (error.value === undefined || error.value === null)) {
      out.push({ field, message: REQUIRED });
    } else {
      for (const [, message] of constraints) out.push({ field, message: stripPropertyName(message, error.property) });
    }
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, field));
  }
  return out;
}

/** class-validator prefixes messages with the property name; the field is named separately. */
function stripPropertyName(message: string, property: string): string {
  return message.startsWith(`${property} `) ? message.slice(property.length + 1) : message;
}
