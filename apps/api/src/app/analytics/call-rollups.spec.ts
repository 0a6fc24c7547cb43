import { CALL_ROLLUPS, ceilPeriod, floorPeriod, periodOf } from './call-rollups';
import { rollupUpserts } from './rollups.repository';

describe('call rollups', () => {
  it('key calls by the UTC day or hour of their start', () => {
    const at = new Date('2032-03-10T23:59:59.999Z');
    expect(periodOf(at, 'day')).toBe('2032-03-10');
    expect(periodOf(at, 'hour')).toBe('2032-03-10 23:00:00');
    expect(periodOf(at, 'month')).toBe('2032-03-01');
  });

  it('find the UTC period boundaries around an instant', () => {
    const at = new Date('2032-12-31T23:30:00Z');
    expect(floorPeriod(at, 'month').toISOString()).toBe('2032-12-01T00:00:00.000Z');
    expect(ceilPeriod(at, 'month').toISOString()).toBe('2033-01-01T00:00:00.000Z');
    expect(ceilPeriod(at, 'day').toISOString()).toBe('2033-01-01T00:00:00.000Z');
    expect(ceilPeriod(at, 'hour').toISOString()).toBe('2033-01-01T00:00:00.000Z');
    const boundary = new Date('2032-02-01T00:00:00Z');
    for (const period of ['month', 'day', 'hour'] as const) {
      expect(floorPeriod(boundary, period)).toEqual(boundary);
      expect(ceilPeriod(boundary, period)).toEqual(boundary);
    }
  });

  it('upsert every rollup once, in a fixed order, summing calls per key in key order', () => {
    const calls = [
      {
        userId: 12,
        status: 'completed' as const,
        startTime: new Date('2032-03-10T10:59:00Z'),
        durationSeconds: 61,
        cost: 0.04,
      },
      {
        userId: 3,
        status: 'failed' as const,
        startTime: new Date('2032-03-10T11:00:00Z'),
        durationSeconds: 0,
        cost: 0,
      },
      {
        userId: 12,
        status: 'completed' as const,
        startTime: new Date('2032-03-10T10:01:00Z'),
        durationSeconds: 30,
        cost: 0.02,
      },
    ];
    const upserts = rollupUpserts(calls);
    expect(upserts.map((u) => u.sql.match(/INSERT INTO (\w+)/)?.[1])).toEqual(CALL_ROLLUPS.map((r) => r.table));
    const [dailyStatus, hourlyStatus, monthlyUser, dailyUser, hourlyUser] = upserts.map((u) => u.params);
    expect(dailyStatus).toEqual(['2032-03-10', 'completed', 2, 91, 0.06, '2032-03-10', 'failed', 1, 0, 0]);
    expect(hourlyStatus).toEqual([
      '2032-03-10 10:00:00',
      'completed',
      2,
      91,
      0.06,
      '2032-03-10 11:00:00',
      'failed',
      1,
      0,
      0,
    ]);
    // Users in numeric order (3 before 12), not string order.
    expect(monthlyUser).toEqual(['2032-03-01', 3, 1, 0, 0, '2032-03-01', 12, 2, 91, 0.06]);
    expect(dailyUser).toEqual(['2032-03-10', 3, 1, 0, 0, '2032-03-10', 12, 2, 91, 0.06]);
    expect(hourlyUser).toEqual(['2032-03-10 10:00:00', 12, 2, 91, 0.06, '2032-03-10 11:00:00', 3, 1, 0, 0]);
  });

  it('write nothing for no calls', () => {
    expect(rollupUpserts([])).toEqual([]);
  });
});
