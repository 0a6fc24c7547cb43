import { convertToParamMap } from '@angular/router';
import { aCall } from '../../testing/call-fixtures';
import {
  historyStateFromParams,
  historyStateToParams,
  matchesFilters,
  NO_FILTERS,
  sortHeaderOf,
  sortOrderOf,
  toListQuery,
} from './call-history-query';

describe('call history query', () => {
  it('reads the URL, falling back to defaults for anything unknown', () => {
    expect(historyStateFromParams(convertToParamMap({}))).toEqual({
      page: 1,
      pageSize: 25,
      sort: '-startTime',
      filters: NO_FILTERS,
    });
    const odd = historyStateFromParams(
      convertToParamMap({ page: '-2', pageSize: '7', sort: 'cost', status: 'lost', from: '2026-02-30', to: 'soon' }),
    );
    expect(odd).toEqual({ page: 1, pageSize: 25, sort: '-startTime', filters: NO_FILTERS });
  });

  it('turns URL params into the API request params', () => {
    const state = historyStateFromParams(
      convertToParamMap({
        page: '3',
        pageSize: '50',
        sort: '-durationSeconds',
        status: 'failed',
        direction: 'outbound',
        from: '2026-11-01',
        to: '2026-11-30',
        q: '(909) 687-',
      }),
    );
    expect(toListQuery(state)).toEqual({
      page: 3,
      pageSize: 50,
      sort: '-durationSeconds',
      status: 'failed',
      direction: 'outbound',
      from: new Date(2026, 10, 1).toISOString(),
      to: new Date(2026, 10, 30, 23, 59, 59, 999).toISOString(),
      q: '909687',
    });
  });

  it('writes defaults to the URL as removals', () => {
    const state = historyStateFromParams(convertToParamMap({ status: 'completed', q: ' 909 ' }));
    expect(historyStateToParams(state)).toEqual({
      page: null,
      pageSize: null,
      sort: null,
      status: 'completed',
      direction: null,
      from: null,
      to: null,
      q: '909',
      recorded: null,
    });
  });

  it('keeps the Recorded filter (any, yes, no) in the URL and sends it as recorded=true|false', () => {
    const yes = historyStateFromParams(convertToParamMap({ recorded: 'yes' }));
    expect(yes.filters.recorded).toBe(true);
    expect(historyStateToParams(yes)).toEqual(expect.objectContaining({ recorded: 'yes' }));
    expect(toListQuery(yes)).toEqual(expect.objectContaining({ recorded: true }));

    const no = historyStateFromParams(convertToParamMap({ recorded: 'no' }));
    expect(historyStateToParams(no)).toEqual(expect.objectContaining({ recorded: 'no' }));
    expect(toListQuery(no)).toEqual(expect.objectContaining({ recorded: false }));

    const any = historyStateFromParams(convertToParamMap({ recorded: 'maybe' }));
    expect(any.filters.recorded).toBeNull();
    expect(toListQuery(any)).not.toHaveProperty('recorded');

    expect(matchesFilters(aCall({ recorded: true }), yes.filters)).toBe(true);
    expect(matchesFilters(aCall({ recorded: false }), yes.filters)).toBe(false);
    expect(matchesFilters(aCall({ recorded: false }), no.filters)).toBe(true);
  });

  it('maps the sort headers to the API sort orders and back', () => {
    expect(sortOrderOf('startTime', 'asc')).toBe('startTime');
    expect(sortOrderOf('startTime', 'desc')).toBe('-startTime');
    expect(sortOrderOf('durationSeconds', 'desc')).toBe('-durationSeconds');
    expect(sortOrderOf('cost', 'desc')).toBe('-cost');
    // Duration and cost sort from the largest only: the other direction is the default order.
    expect(sortOrderOf('cost', 'asc')).toBe('-startTime');
    expect(sortOrderOf('durationSeconds', '')).toBe('-startTime');

    expect(sortHeaderOf('-startTime')).toEqual({ active: 'startTime', direction: 'desc' });
    expect(sortHeaderOf('startTime')).toEqual({ active: 'startTime', direction: 'asc' });
    expect(sortHeaderOf('-cost')).toEqual({ active: 'cost', direction: 'desc' });
  });

  it('tells whether a live call belongs in the filtered list', () => {
    const call = aCall({
      status: 'failed',
      toNumber: '+19096874971',
      startTime: new Date(2026, 10, 5, 12).toISOString(),
    });
    expect(matchesFilters(call, NO_FILTERS)).toBe(true);
    expect(matchesFilters(call, { ...NO_FILTERS, status: 'failed', q: '687-49' })).toBe(true);
    expect(matchesFilters(call, { ...NO_FILTERS, status: 'completed' })).toBe(false);
    expect(matchesFilters(call, { ...NO_FILTERS, from: '2026-11-06' })).toBe(false);
    expect(matchesFilters(call, { ...NO_FILTERS, to: '2026-11-05' })).toBe(true);
    expect(matchesFilters(call, { ...NO_FILTERS, q: '4444' })).toBe(false);
  });
});
