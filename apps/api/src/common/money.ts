/**
 * Money as the database keeps it: DECIMAL(…, 4). Every sum or product of costs is rounded here, so the figures
 * the API computes equal what the columns store (floating point would otherwise drift in the fifth decimal).
 */
export const MONEY_DECIMALS = 4;
const SCALE = 10 ** MONEY_DECIMALS;

export function roundMoney(value: number): number {
  return Math.round(value * SCALE) / SCALE;
}

/** A ratio (success rate) at the same precision. */
export const roundRatio = roundMoney;
