import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { type DebouncedSearch, debouncedSearch, SEARCH_DEBOUNCE_MS } from './debounced-search';

describe('debouncedSearch', () => {
  const current = signal('');
  let applied: string[];
  let search: DebouncedSearch;

  beforeEach(() => {
    jest.useFakeTimers();
    current.set('');
    applied = [];
    search = TestBed.runInInjectionContext(() => debouncedSearch({ current, apply: (q) => applied.push(q) }));
  });

  afterEach(() => jest.useRealTimers());

  it('shows what is typed at once and applies it, trimmed, once typing pauses', () => {
    search.input('c');
    search.input('cl');
    search.input(' cleo ');
    expect(search.text()).toBe(' cleo ');
    jest.advanceTimersByTime(SEARCH_DEBOUNCE_MS - 1);
    expect(applied).toEqual([]);

    jest.advanceTimersByTime(1);
    expect(applied).toEqual(['cleo']);
  });

  it('does not apply a search the list already has', () => {
    current.set('cleo');
    search.input('cleo ');
    jest.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
    expect(applied).toEqual([]);
  });

  it('follows the current search (the back button), and empties at once on clear', () => {
    search.input('pat');
    current.set('ada');
    expect(search.text()).toBe('ada');

    search.clear();
    expect(search.text()).toBe('');
  });

  it('drops a search still waiting for its pause when the box is cleared', () => {
    search.input('cleo');
    jest.advanceTimersByTime(SEARCH_DEBOUNCE_MS - 1);
    search.clear();
    jest.advanceTimersByTime(SEARCH_DEBOUNCE_MS * 2);
    expect(applied).toEqual([]);
    expect(search.text()).toBe('');
  });

  it('waits as long as it is told', () => {
    const slow = TestBed.runInInjectionContext(() =>
      debouncedSearch({ current, apply: (q) => applied.push(q), debounceMs: 1000 }),
    );
    slow.input('909');
    jest.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
    expect(applied).toEqual([]);
    jest.advanceTimersByTime(1000 - SEARCH_DEBOUNCE_MS);
    expect(applied).toEqual(['909']);
  });
});
