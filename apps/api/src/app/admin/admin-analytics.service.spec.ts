import { planRange } from './admin-analytics.service';

const at = (iso: string) => new Date(iso);
const parts = (from: string, to: string) => {
  const plan = planRange(at(from), at(to));
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

  it('covers the range exactly once, contiguously, for any bounds', () => {
    for (let i = 0; i < 500; i++) {
      const from = Date.UTC(2032, 0, 1) + Math.floor(Math.random() * 40 * 86_400_000);
      const to = from + 1 + Math.floor(Math.random() * 10 * 86_400_000);
      const plan = planRange(new Date(from), new Date(to));
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
