import { assertInInjectionContext, computed, DestroyRef, inject, signal, type Signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, type ParamMap, type Params, Router } from '@angular/router';
import type { PageMeta, Paginated } from '@hh/contracts';
import { catchError, distinctUntilChanged, map, merge, type Observable, of, Subject, switchMap, tap } from 'rxjs';
import { type DebouncedSearch, debouncedSearch } from '../forms/debounced-search';
import { httpErrorMessage } from './http-error-message';

/**
 * What a server-paged list keeps in its URL: the page, its size and the filters. A list may keep more beside them
 * (the call history keeps its sort order).
 */
export interface ServerListState<F extends object = object> {
  page: number;
  pageSize: number;
  filters: F;
}

/** The parts of a server-paged list that are its own; each feature keeps them in its `*-query.ts`. */
export interface ServerListOptions<S extends ServerListState, T> {
  /** Reads the state from the URL, leniently: anything unknown falls back to its default. */
  fromParams(params: ParamMap): S;
  /** The query params for a state, defaults as null so that merging them removes them from the URL. */
  toParams(state: S): Params;
  /** Asks the server for the page of rows a state selects. */
  fetch(state: S): Observable<Paginated<T>>;
  /** The filters "Clear filters" goes back to. */
  noFilters: S['filters'];
  /** Whether the filters narrow the list (the empty state then offers to clear them). */
  hasFilters(filters: S['filters']): boolean;
}

const sameState = <S>(a: S, b: S) => JSON.stringify(a) === JSON.stringify(b);

/** The free-text search of filters that have one (`q`), as the URL holds it. */
const searchOf = (filters: object): string => ('q' in filters && typeof filters.q === 'string' ? filters.q : '');

/**
 * A list that the server filters, sorts and pages, with its state in the URL (so that a view survives a reload,
 * a bookmark and the back button). The URL is the one source of truth: the page changes it, and every change of it
 * (or a `reload()`) fetches again. Only the latest answer counts: a slower, older one is dropped (switchMap).
 *
 * Create it with {@link injectServerList} in a component's field initialiser; it lives as long as the component.
 */
export class ServerList<S extends ServerListState, T> {
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly reloads = new Subject<void>();
  private readonly metaSignal = signal<PageMeta | null>(null);
  private readonly loadingSignal = signal(true);
  private readonly errorSignal = signal<string | null>(null);

  /** The state the URL holds now. */
  readonly state: Signal<S>;
  /**
   * The rows of the page on screen. A page may change them in place (an action's answer, a live update); the next
   * fetch replaces them.
   */
  readonly rows = signal<T[]>([]);
  /** The server's count of the rows the filters select, and of the pages they fill. */
  readonly meta: Signal<PageMeta | null> = this.metaSignal.asReadonly();
  /** The paginator's length. */
  readonly total = computed(() => this.metaSignal()?.total ?? this.rows().length);
  readonly loading: Signal<boolean> = this.loadingSignal.asReadonly();
  /** Why the last fetch failed, in a sentence for the problem banner; null after a successful one. */
  readonly error: Signal<string | null> = this.errorSignal.asReadonly();
  readonly filtered: Signal<boolean>;
  /**
   * The search box, for a list whose filters have a free-text `q`: it shows what is typed at once and writes the
   * search to the URL once typing pauses.
   */
  readonly search: DebouncedSearch;
  /** Nothing to show, and nothing on the way: the page shows its empty state. */
  readonly empty = computed(() => !this.loadingSignal() && !this.errorSignal() && this.rows().length === 0);

  constructor(private readonly options: ServerListOptions<S, T>) {
    const states = this.route.queryParamMap.pipe(map((params) => options.fromParams(params)));
    this.state = toSignal(states, { requireSync: true });
    this.filtered = computed(() => options.hasFilters(this.state().filters));
    this.search = debouncedSearch({
      current: () => searchOf(this.state().filters),
      apply: (q) => this.changeFilters({ q } as Partial<S['filters']>),
    });

    merge(states.pipe(distinctUntilChanged(sameState)), this.reloads.pipe(map(() => this.state())))
      .pipe(
        tap(() => {
          this.loadingSignal.set(true);
          this.errorSignal.set(null);
        }),
        switchMap((state) =>
          options.fetch(state).pipe(
            map((page) => ({ state, page, error: null })),
            catchError((error: unknown) => of({ state, page: null, error: httpErrorMessage(error) })),
          ),
        ),
        takeUntilDestroyed(inject(DestroyRef)),
      )
      .subscribe(({ state, page, error }) => {
        this.loadingSignal.set(false);
        this.errorSignal.set(error);
        if (!page) {
          return;
        }
        if (page.data.length === 0 && state.page > 1 && page.meta.total > 0) {
          // Past the last page (an old link, or rows gone since): show the last page instead.
          this.navigate({ ...state, page: page.meta.totalPages }, true);
          return;
        }
        this.rows.set(page.data);
        this.metaSignal.set(page.meta);
      });
  }

  /** Fetches the current state again: "Try again", after an action that changes the list, after a live event. */
  reload(): void {
    this.reloads.next();
  }

  /**
   * Narrows the list from page 1. A change of the search alone replaces the URL rather than adding a history entry
   * for every pause in typing.
   */
  changeFilters(change: Partial<S['filters']>): void {
    const state = this.state();
    const typing = Object.keys(change).length === 1 && 'q' in change;
    this.navigate({ ...state, page: 1, filters: { ...state.filters, ...change } }, typing);
  }

  /** Back to all rows from page 1, the search box emptied at once (even of a search not yet applied). */
  clearFilters(): void {
    this.search.clear();
    this.navigate({ ...this.state(), page: 1, filters: this.options.noFilters });
  }

  /** The paginator's event, with pages counted from 1. */
  changePage({ page, pageSize }: { page: number; pageSize: number }): void {
    this.navigate({ ...this.state(), page, pageSize });
  }

  /** A row joined the page without a fetch (it arrived live): the server's count grows with it. */
  countInserted(count = 1): void {
    this.metaSignal.update((meta) =>
      meta ? { ...meta, total: meta.total + count, totalPages: Math.ceil((meta.total + count) / meta.pageSize) } : meta,
    );
  }

  /** Puts a state in the URL, which fetches it. */
  navigate(state: S, replaceUrl = false): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: this.options.toParams(state),
      queryParamsHandling: 'merge',
      replaceUrl,
    });
  }
}

/**
 * The list a page shows from the server, its state read from and written to the URL of the current route. Call it
 * in an injection context (a field initialiser); it stops fetching when the component is destroyed.
 */
export function injectServerList<S extends ServerListState, T>(options: ServerListOptions<S, T>): ServerList<S, T> {
  assertInInjectionContext(injectServerList);
  return new ServerList(options);
}
