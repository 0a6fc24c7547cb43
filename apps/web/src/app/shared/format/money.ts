const currencyFormats = new Map<number, Intl.NumberFormat>();

/**
 * An amount in US dollars. Call costs are kept to 4 decimals ("$0.0200"), so a call's own cost shows all four;
 * totals read better with cents: formatCost(12.3456, 2) → "$12.35".
 */
export function formatCost(amount: number, fractionDigits = 4): string {
  let format = currencyFormats.get(fractionDigits);
  if (!format) {
    format = new Intl.NumberFormat('en-US', {
      style: 'currency',
      currency: 'USD',
      minimumFractionDigits: fractionDigits,
      maximumFractionDigits: fractionDigits,
    });
    currencyFormats.set(fractionDigits, format);
  }
  return format.format(Number.isFinite(amount) ? amount : 0);
}

const percentFormat = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 });

/** A ratio between 0 and 1 as a percentage: 0.8 → "80%", 2/3 → "66.7%". */
export function formatPercent(ratio: number): string {
  return percentFormat.format(Number.isFinite(ratio) ? ratio : 0);
}
