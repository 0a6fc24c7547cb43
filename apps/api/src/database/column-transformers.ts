import { ValueTransformer } from 'typeorm';

/** mysql2 returns DECIMAL as a string to keep precision; the API serves money as a number. */
export const decimalToNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
