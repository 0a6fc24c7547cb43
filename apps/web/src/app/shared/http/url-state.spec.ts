import { convertToParamMap } from '@angular/router';
import { PAGE_SIZE_DEFAULT } from '@hh/contracts';
import { dayEnd, dayOf, dayStart, idOf, oneOf, pageFromParams, pageToParams, searchFromParams } from './url-state';

describe('url state', () => {
  it('keeps a value only when it is one of those allowed', () => {
    expect(oneOf(['a', 'b'] as const, 'b')).toBe('b');
    expect(oneOf(['a', 'b'] as const, 'c')).toBeNull();
    expect(oneOf(['a', 'b'] as const, null)).toBeNull();
  });

  it('reads the page and an offered page size, falling back to page 1 and the default size', () => {
    expect(pageFromParams(convertToParamMap({ page: '3', pageSize: '50' }))).toEqual({ page: 3, pageSize: 50 });
    expect(pageFromParams(convertToParamMap({ page: '0', pageSize: '30' }))).toEqual({
      page: 1,
      pageSize: PAGE_SIZE_DEFAULT,
    });
    expect(pageFromParams(convertToParamMap({ page: '1.5', pageSize: 'x' }))).toEqual({
      page: 1,
      pageSize: PAGE_SIZE_DEFAULT,
    });
  });

  it('writes the first page and the default size as removals', () => {
    expect(pageToParams({ page: 1, pageSize: PAGE_SIZE_DEFAULT })).toEqual({ page: null, pageSize: null });
    expect(pageToParams({ page: 2, pageSize: 100 })).toEqual({ page: 2, pageSize: 100 });
  });

  it('trims the search and cuts it to the longest accepted', () => {
    expect(searchFromParams(convertToParamMap({ q: '  jane doe ' }), 4)).toBe('jane');
    expect(searchFromParams(convertToParamMap({}), 4)).toBe('');
  });

  it('reads positive whole ids only', () => {
    expect(idOf('7')).toBe(7);
    expect(idOf('0')).toBeNull();
    expect(idOf('2.5')).toBeNull();
    expect(idOf('')).toBeNull();
    expect(idOf(null)).toBeNull();
  });

  it('keeps real calendar days and bounds them in local time', () => {
    expect(dayOf('2026-02-28')).toBe('2026-02-28');
    expect(dayOf('2026-02-30')).toBeNull();
    expect(dayOf('28/02/2026')).toBeNull();
    expect(dayStart('2026-02-28')).toBe(new Date(2026, 1, 28).toISOString());
    expect(dayEnd('2026-02-28')).toBe(new Date(2026, 1, 28, 23, 59, 59, 999).toISOString());
    expect(dayEnd('2026-13-01')).toBeNull();
  });
});
