import { dailyBars } from './calls-per-day-chart.component';

describe('dailyBars', () => {
  it('has a bar for every day of the period, with the outcomes split', () => {
    const bars = dailyBars(
      [{ date: '2026-11-02', calls: 6, successful: 3, failed: 2, durationSeconds: 400, cost: 0.16 }],
      '2026-11-01',
      '2026-11-03',
    );
    expect(bars).toEqual([
      { date: '2026-11-01', label: 'Nov 1', successful: 0, failed: 0, other: 0 },
      { date: '2026-11-02', label: 'Nov 2', successful: 3, failed: 2, other: 1 },
      { date: '2026-11-03', label: 'Nov 3', successful: 0, failed: 0, other: 0 },
    ]);
  });

  it('keeps days the API reports outside the local period, so that no call goes missing', () => {
    const bars = dailyBars(
      [{ date: '2026-11-04', calls: 1, successful: 1, failed: 0, durationSeconds: 30, cost: 0.02 }],
      '2026-11-02',
      '2026-11-03',
    );
    expect(bars.map((bar) => bar.date)).toEqual(['2026-11-02', '2026-11-03', '2026-11-04']);
  });

  it('crosses month ends', () => {
    expect(dailyBars([], '2026-11-29', '2026-12-02').map((bar) => bar.label)).toEqual([
      'Nov 29',
      'Nov 30',
      'Dec 1',
      'Dec 2',
    ]);
  });
});
