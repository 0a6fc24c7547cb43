import { formatCost, formatPercent } from './money';

describe('money and ratios', () => {
  it('shows a call cost with 4 decimals and totals with cents', () => {
    expect(formatCost(0.02)).toBe('$0.0200');
    expect(formatCost(0)).toBe('$0.0000');
    expect(formatCost(12.3456, 2)).toBe('$12.35');
    expect(formatCost(1234.5, 2)).toBe('$1,234.50');
  });

  it('shows a ratio as a percentage', () => {
    expect(formatPercent(0.8)).toBe('80%');
    expect(formatPercent(2 / 3)).toBe('66.7%');
    expect(formatPercent(0)).toBe('0%');
  });
});
