import { assertInInjectionContext, linkedSignal, type WritableSignal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { debounceTime, filter, map, Subject } from 'rxjs';

/** How long a list's search waits for typing to pause before it asks the server. */
export const SEARCH_DEBOUNCE_MS = 300;

export interface DebouncedSearchOptions {
  /** The search the list shows now (from the URL); the box follows it whenever it changes (back button). */
  current: () => string;
  /** Applies a new search, trimmed, once typing pauses; a search equal to the current one is not applied again. */
  apply: (q: string) => void;
  debounceMs?: number;
}

export interface DebouncedSearch {
  /** The search box's text as typed: bind it to the input's `value`. */
  readonly text: WritableSignal<string>;
  /** The input's `input` event. */
  input(text: string): void;
  /**
   * Empties the box at once, for "Clear filters" (the URL may already hold no search, so it would not follow),
   * and drops a search typed but not yet applied.
   */
  clear(): void;
}

/**
 * The search box of a server-filtered list: it shows what is typed at once, and applies the search only when
 * typing pauses, so that the server is asked once per pause and not once per key. Call it in an injection context;
 * it stops when the component is destroyed.
 */
export function debouncedSearch({
  current,
  apply,
  debounceMs = SEARCH_DEBOUNCE_MS,
}: DebouncedSearchOptions): DebouncedSearch {
  assertInInjectionContext(debouncedSearch);
  const text = linkedSignal(current);
  // null: the box was cleared, which drops a search still waiting for its pause.
  const typed = new Subject<string | null>();
  typed
    .pipe(
      debounceTime(debounceMs),
      filter((value): value is string => value !== null),
      map((value) => value.trim()),
      filter((q) => q !== current()),
      takeUntilDestroyed(),
    )
    .subscribe((q) => apply(q));
  return {
    text,
    input(value: string): void {
      text.set(value);
      typed.next(value);
    },
    clear(): void {
      text.set('');
      typed.next(null);
    },
  };
}
