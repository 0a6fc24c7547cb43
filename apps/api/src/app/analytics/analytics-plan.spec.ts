import { ANALYTICS_PERIODS, planRange } from './analytics-plan';

const at = (iso: string) => new Date(iso);
const parts = (from: string, to: string, by: 'day' | 'user' = 'day') => {
  const plan = planRange(at(from), at(to), ANALYTICS_PERIODS[by]);
  return {
    rollups: plan.rollups.map((p) => `${p.period} ${p.from.toISOString()} → ${p.to.toISOString()}`),
    edges: plan.edges.map((e) => `${e.from.toISOString()} → ${e.to.toISOString()}`),
  };
};

describe('planRange', () => {
  it('reads whole days from the daily rollups only', () => {
    expect(parts('2032-03-01T00:00:00Z', '2032-03-31T00:00:00Z')).toEqual({
      rollups: ['day 2032-03-01T00:00:00.000Z → 2032-03-31T00:00:00.000Z'],
      edges: [],
    });
  });

  it('reads the whole hours at either edge from the hourly rollups and only the partial hours from calls', () => {
    expect(parts('2032-03-01T12:30:00Z', '2032-03-05T06:15:00.001Z')).toEqual({
      rollups: [
        'hour 2032-03-01T13:00:00.000Z → 2032-03-02T00:00:00.000Z',
        'day 2032-03-02T00:00:00.000Z → 2032-03-05T00:00:00.000Z',
        'hour 2032-03-05T00:00:00.000Z → 2032-03-05T06:00:00.000Z',
      ],
      edges: [
        '2032-03-01T12:30:00.000Z → 2032-03-01T13:00:00.000Z',
        '2032-03-05T06:00:00.000Z → 2032-03-05T06:15:00.001Z',
      ],
    });
  });

  it('uses hours alone within a day, and calls alone within an hour', () => {
    expect(parts('2032-03-10T06:00:00Z', '2032-03-10T18:20:00Z')).toEqual({
      rollups: ['hour 2032-03-10T06:00:00.000Z → 2032-03-10T18:00:00.000Z'],
      edges: ['2032-03-10T18:00:00.000Z → 2032-03-10T18:20:00.000Z'],
    });
    expect(parts('2032-03-10T06:05:00Z', '2032-03-10T06:55:00Z')).toEqual({
      rollups: [],
      edges: ['2032-03-10T06:05:00.000Z → 2032-03-10T06:55:00.000Z'],
    });
    // Crossing an hour boundary without a whole hour: both partial hours from calls, as one range.
    expect(parts('2032-03-10T06:50:00Z', '2032-03-10T07:10:00Z')).toEqual({
      rollups: [],
      edges: ['2032-03-10T06:50:00.000Z → 2032-03-10T07:10:00.000Z'],
    });
  });

  it('reads whole months for top users, and the days and hours around them', () => {
    expect(parts('2032-01-30T22:10:00Z', '2032-04-02T01:00:00Z', 'user')).toEqual({
      rollups: [
        'hour 2032-01-30T23:00:00.000Z → 2032-01-31T00:00:00.000Z',
        'day 2032-01-31T00:00:00.000Z → 2032-02-01T00:00:00.000Z',
        'month 2032-02-01T00:00:00.000Z → 2032-04-01T00:00:00.000Z',
        'day 2032-04-01T00:00:00.000Z → 2032-04-02T00:00:00.000Z',
        'hour 2032-04-02T00:00:00.000Z → 2032-04-02T01:00:00.000Z',
      ],
      edges: ['2032-01-30T22:10:00.000Z → 2032-01-30T23:00:00.000Z'],
    });
    // The daily figures are per day: never months.
    expect(parts('2032-02-01', '2032-04-01', 'day').rollups).toEqual([
      'day 2032-02-01T00:00:00.000Z → 2032-04-01T00:00:00.000Z',
    ]);
  });

  it('covers the range exactly once, contiguously, for any bounds', () => {
    for (let i = 0; i < 500; i++) {
      const from = Date.UTC(2032, 0, 1) + Math.floor(Math.random() * 40 * 86_400_000);
      const to = from + 1 + Math.floor(Math.random() * (i % 3 ? 10 : 200) * 86_400_000);
      const plan = planRange(new Date(from), new Date(to), ANALYTICS_PERIODS[i % 2 ? 'day' : 'user']);
      const pieces = [...plan.rollups, ...plan.edges].sort((a, b) => a.from.getTime() - b.from.getTime());
      expect(pieces[0]?.from.getTime()).toBe(from);
      expect(pieces.at(-1)?.to.getTime()).toBe(to);
      for (let p = 1; p < pieces.length; p++) expect(pieces[p]?.from).toEqual(pieces[p - 1]?.to);
      expect(plan.edges.every((e) => e.to.getTime() - e.from.getTime() < 3_600_000 || plan.rollups.length === 0)).toBe(
        true,
      );
    }
  });
});
