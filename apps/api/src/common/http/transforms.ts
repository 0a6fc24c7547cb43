import type { TransformFnParams } from 'class-transformer';

/** class-transformer hooks for DTO fields; non-strings pass through so the validators can refuse them. */
export const trimString = ({ value }: TransformFnParams): unknown => (typeof value === 'string' ? value.trim() : value);
