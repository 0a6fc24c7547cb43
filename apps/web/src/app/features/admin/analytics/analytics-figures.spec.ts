import type { DailyCallFigures } from '@hh/contracts';
import {
  minutesOf,
  numberSlices,
  shareOf,
  sliceSummary,
  statusSlices,
  successRate,
  successRateByDay,
  successRateSummary,
  talkAndCostByDay,
  talkCostSummary,
} from './analytics-figures';

const day = (date: string, figures: Partial<DailyCallFigures> = {}): DailyCallFigures => ({
  date,
  calls: 0,
  successful: 0,
  failed: 0,
  durationSeconds: 0,
  cost: 0,
  ...figures,
});

const DAYS: DailyCallFigures[] = [
  day('2026-11-01', { calls: 5, successful: 3, failed: 1, durationSeconds: 390, cost: 0.16 }),
  day('2026-11-02'),
  day('2026-11-03', { calls: 2, successful: 0, failed: 0, durationSeconds: 0, cost: 0 }),
  day('2026-11-04', { calls: 4, successful: 1, failed: 3, durationSeconds: 20, cost: 0.02 }),
];

describe('analytics figures', () => {
  it('gives talk time in minutes to a tenth, so that short calls still show', () => {
    expect(minutesOf(20)).toBe(0.3);
    expect(minutesOf(390)).toBe(6.5);
    expect(talkAndCostByDay(DAYS).map(({ label, minutes, cost }) => [label, minutes, cost])).toEqual([
      ['Nov 1', 6.5, 0.16],
      ['Nov 2', 0, 0],
      ['Nov 3', 0, 0],
      ['Nov 4', 0.3, 0.02],
    ]);
  });

  it('sums talk and cost up in a sentence, with the busiest day', () => {
    expect(talkCostSummary(talkAndCostByDay(DAYS))).toBe(
      'Talk minutes and cost per day over 4 days: 6.8 minutes, $0.18 in total; the most talk on Nov 1, 6.5 minutes.',
    );
    expect(talkCostSummary(talkAndCostByDay([day('2026-11-02')]))).toBe(
      'Talk minutes and cost per day over 1 day: 0 minutes, $0.00 in total.',
    );
  });

  it('rates each day by completed out of completed and failed, leaving days without either as gaps', () => {
    expect(successRateByDay(DAYS).map((rated) => rated.rate)).toEqual([0.75, null, null, 0.25]);
    expect(successRateSummary(successRateByDay(DAYS))).toBe(
      'Success rate per day over 4 days: 50% overall (4 of 8 answered), lowest 25% on Nov 4, highest 75% on Nov 1.',
    );
    expect(successRateSummary(successRateByDay([day('2026-11-02')]))).toBe(
      'Success rate per day over 1 day: no answered or failed calls.',
    );
  });

  it('computes the overall success rate as the API defines it, 0 without decided calls', () => {
    expect(successRate({ successfulCalls: 40, failedCalls: 10 })).toBe(0.8);
    expect(successRate({ successfulCalls: 0, failedCalls: 0 })).toBe(0);
  });

  it('slices the statuses that occurred, in the lifecycle order, each in its colour', () => {
    const slices = statusSlices({ canceled: 1, completed: 8, failed: 2, busy: 0, in_progress: 1 });
    expect(slices.map(({ key, label, value }) => [key, label, value])).toEqual([
      ['in_progress', 'In progress', 1],
      ['completed', 'Completed', 8],
      ['failed', 'Failed', 2],
      ['canceled', 'Canceled', 1],
    ]);
    expect(slices.find((slice) => slice.key === 'completed')?.color).toBe('#22c55e');
    expect(slices.find((slice) => slice.key === 'failed')?.color).toBe('#ef4444');
    expect(shareOf(slices[1], slices)).toBe('66.7%');
    expect(sliceSummary('Calls by status', slices)).toBe(
      'Calls by status: 12 in total; 1 In progress, 8 Completed, 2 Failed, 1 Canceled.',
    );
    expect(sliceSummary('Calls by status', statusSlices({}))).toBe('Calls by status: none.');
  });

  it('splits the inventory into assigned, available and the rest', () => {
    const slices = numberSlices({ numbers: 10, assignedNumbers: 6, availableNumbers: 3 });
    expect(slices.map(({ label, value }) => [label, value])).toEqual([
      ['Assigned', 6],
      ['Available', 3],
      ['Pending or suspended', 1],
    ]);
    expect(sliceSummary('Number inventory', slices)).toBe(
      'Number inventory: 10 in total; 6 Assigned, 3 Available, 1 Pending or suspended.',
    );
  });
});
