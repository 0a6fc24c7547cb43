import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional, ApiPropertyOptions } from '@nestjs/swagger';
import { Transform, TransformFnParams } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** The INT UNSIGNED-safe range of every id column: a larger id cannot exist (and must not reach SQL). */
export const ID_MAX = 2_147_483_647;

/**
 * Query strings carry text: only plain decimal digits become a number. "1e3", "0x10", "1.5", " 5" and "" stay
 * text, so IsInt refuses them by name instead of Number() quietly reading them; digits too large for the field
 * still become a number, so Max names the bound.
 */
export const toStrictInteger = ({ value }: TransformFnParams): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;

/**
 * An optional whole-number query parameter within [min, max], the one way the API declares them (page,
 * pageSize, userId, ownerId…). Anything else is a 400 naming the field, never a value that reaches the query
 * (a page of 1e20 used to render as OFFSET 2.5e+21: a 500).
 */
export function IntQuery(options: { min: number; max: number } & Omit<ApiPropertyOptions, 'minimum' | 'maximum'>) {
  const { min, max, ...doc } = options;
  return applyDecorators(
    ApiPropertyOptional({ type: 'integer', minimum: min, maximum: max, ...doc } as ApiPropertyOptions),
    IsOptional(),
    Transform(toStrictInteger),
    IsInt(),
    Min(min),
    Max(max),
  );
}

/** A user, number… id as a query filter: 1 to ID_MAX. */
export const IdQuery = (options: Omit<ApiPropertyOptions, 'minimum' | 'maximum'> = {}) =>
  IntQuery({ min: 1, max: ID_MAX, ...options });
