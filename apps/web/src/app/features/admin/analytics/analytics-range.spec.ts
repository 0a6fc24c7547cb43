import { convertToParamMap } from '@angular/router';
import {
  DEFAULT_PRESET,
  exportFileName,
  parseUtcDay,
  presetDays,
  rangeChoiceFromParams,
  rangeChoiceToParams,
  rangeLabel,
  resolveRange,
  toAnalyticsQuery,
  utcDay,
} from './analytics-range';

/** 01:30 UTC on Mar 1, 2028 (a leap year): still Feb 29 west of UTC, so "today" must come from UTC. */
const EARLY_MARCH = new Date(Date.UTC(2028, 2, 1, 1, 30));

describe('analytics ranges', () => {
  describe('presetDays', () => {
    it('ends the "N days" presets today (UTC), today included', () => {
      expect(presetDays('7d', EARLY_MARCH)).toEqual({ from: '2028-02-24', to: '2028-03-01' });
      expect(presetDays('30d', EARLY_MARCH)).toEqual({ from: '2028-02-01', to: '2028-03-01' });
      expect(presetDays('90d', EARLY_MARCH)).toEqual({ from: '2027-12-03', to: '2028-03-01' });
    });

    it('runs "this month" from the 1st to today', () => {
      expect(presetDays('this-month', new Date(Date.UTC(2026, 10, 24, 23, 59)))).toEqual({
        from: '2026-11-01',
        to: '2026-11-24',
      });
    });

    it('takes "last month" whole, across a leap day and across the year', () => {
      expect(presetDays('last-month', EARLY_MARCH)).toEqual({ from: '2028-02-01', to: '2028-02-29' });
      expect(presetDays('last-month', new Date(Date.UTC(2027, 0, 15)))).toEqual({
        from: '2026-12-01',
        to: '2026-12-31',
      });
    });
  });

  describe('resolveRange', () => {
    it('counts the days of the range, both ends included', () => {
      expect(resolveRange({ preset: '7d' }, EARLY_MARCH).days).toBe(7);
      expect(resolveRange({ preset: 'custom', from: '2026-01-01', to: '2026-12-31' }).days).toBe(365);
      expect(resolveRange({ preset: 'custom', from: '2026-11-24', to: '2026-11-24' }).days).toBe(1);
    });

    it('keeps a custom range as it is, whatever the clock says', () => {
      const range = resolveRange({ preset: 'custom', from: '2025-06-01', to: '2025-06-30' }, EARLY_MARCH);
      expect(toAnalyticsQuery(range)).toEqual({ from: '2025-06-01', to: '2025-06-30' });
    });
  });

  describe('the URL', () => {
    const fromUrl = (params: Record<string, string>) => rangeChoiceFromParams(convertToParamMap(params));

    it('opens with the API default, 30 days, and keeps it out of the URL', () => {
      expect(fromUrl({})).toEqual({ preset: '30d' });
      expect(DEFAULT_PRESET).toBe('30d');
      expect(rangeChoiceToParams({ preset: '30d' })).toEqual({ range: null, from: null, to: null });
    });

    it('reads and writes presets', () => {
      expect(fromUrl({ range: 'last-month' })).toEqual({ preset: 'last-month' });
      expect(rangeChoiceToParams({ preset: '7d' })).toEqual({ range: '7d', from: null, to: null });
    });

    it('reads and writes custom ranges, which win over a preset', () => {
      expect(fromUrl({ range: '7d', from: '2026-11-01', to: '2026-11-15' })).toEqual({
        preset: 'custom',
        from: '2026-11-01',
        to: '2026-11-15',
      });
      expect(rangeChoiceToParams({ preset: 'custom', from: '2026-11-01', to: '2026-11-15' })).toEqual({
        range: null,
        from: '2026-11-01',
        to: '2026-11-15',
      });
    });

    it('leaves a reversed range to the API, which explains what is wrong', () => {
      expect(fromUrl({ from: '2026-11-15', to: '2026-11-01' })).toEqual({
        preset: 'custom',
        from: '2026-11-15',
        to: '2026-11-01',
      });
    });

    it('falls back to the default for unknown presets, unreal days and half ranges', () => {
      expect(fromUrl({ range: '12y' })).toEqual({ preset: '30d' });
      expect(fromUrl({ from: '2026-02-30', to: '2026-03-01' })).toEqual({ preset: '30d' });
      expect(fromUrl({ from: 'yesterday', to: '2026-03-01' })).toEqual({ preset: '30d' });
      expect(fromUrl({ from: '2026-03-01' })).toEqual({ preset: '30d' });
      expect(fromUrl({ range: '90d', to: '2026-03-01' })).toEqual({ preset: '90d' });
    });
  });

  it('parses only real days, as UTC midnights', () => {
    expect(parseUtcDay('2028-02-29')?.toISOString()).toBe('2028-02-29T00:00:00.000Z');
    expect(parseUtcDay('2027-02-29')).toBeNull();
    expect(parseUtcDay('2026-1-5')).toBeNull();
    expect(parseUtcDay(null)).toBeNull();
    expect(utcDay(EARLY_MARCH)).toBe('2028-03-01');
  });

  it('labels ranges for people and names the export after its days', () => {
    expect(rangeLabel({ from: '2026-11-01', to: '2026-11-30' })).toBe('Nov 1 – Nov 30, 2026');
    expect(rangeLabel({ from: '2025-12-25', to: '2026-01-07' })).toBe('Dec 25, 2025 – Jan 7, 2026');
    expect(rangeLabel({ from: '2026-11-24', to: '2026-11-24' })).toBe('Nov 24, 2026');
    expect(exportFileName({ from: '2026-11-01', to: '2026-11-30' })).toBe('analytics-2026-11-01-to-2026-11-30.csv');
  });
});
