import { ValueTransformer } from 'typeorm';

/** mysql2 returns DECIMAL as a string to keep precision; the API serves money as a number. */
export const decimalToNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/** BOOLEAN columns are TINYINT(1) in MariaDB: the API reads and writes them as booleans. */
export const tinyintToBoolean: ValueTransformer = {
  to: (value: boolean | null | undefined) => (value === null || value === undefined ? value : value ? 1 : 0),
  from: (value: number | string | null) => (value === null ? null : Number(value) !== 0),
};
