import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { type ParamMap, type Params, provideRouter, Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { Paginated } from '@hh/contracts';
import { Subject } from 'rxjs';
import { aProblem } from '../../testing/auth-fixtures';
import { SEARCH_DEBOUNCE_MS } from '../forms/debounced-search';
import { injectServerList, type ServerList } from './server-list';

interface Fruit {
  id: number;
  name: string;
}

interface FruitState {
  page: number;
  pageSize: number;
  filters: { q: string; colour: string | null };
}

const NO_FRUIT_FILTERS: FruitState['filters'] = { q: '', colour: null };

function fromParams(params: ParamMap): FruitState {
  return {
    page: Number(params.get('page')) || 1,
    pageSize: Number(params.get('pageSize')) || 25,
    filters: { q: params.get('q') ?? '', colour: params.get('colour') },
  };
}

function toParams(state: FruitState): Params {
  return {
    page: state.page > 1 ? state.page : null,
    pageSize: state.pageSize !== 25 ? state.pageSize : null,
    q: state.filters.q || null,
    colour: state.filters.colour,
  };
}

/** Each fetch the list makes, with the state it asked for and a subject the spec answers it through. */
interface Fetch {
  state: FruitState;
  answer: Subject<Paginated<Fruit>>;
}

let fetches: Fetch[] = [];

@Component({
  selector: 'hh-fruit-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: '',
})
class FruitListComponent {
  readonly list = injectServerList<FruitState, Fruit>({
    fromParams,
    toParams,
    fetch: (state) => {
      const answer = new Subject<Paginated<Fruit>>();
      fetches.push({ state, answer });
      return answer;
    },
    noFilters: NO_FRUIT_FILTERS,
    hasFilters: (filters) => !!(filters.q || filters.colour),
  });
}

const APPLE: Fruit = { id: 1, name: 'Apple' };
const PEAR: Fruit = { id: 2, name: 'Pear' };

function aPage(data: Fruit[], page = 1, total = data.length, pageSize = 25): Paginated<Fruit> {
  return { data, meta: { page, pageSize, total, totalPages: Math.max(1, Math.ceil(total / pageSize)) } };
}

describe('ServerList', () => {
  let harness: RouterTestingHarness;
  let list: ServerList<FruitState, Fruit>;

  beforeEach(async () => {
    fetches = [];
    TestBed.configureTestingModule({ providers: [provideRouter([{ path: 'fruit', component: FruitListComponent }])] });
    harness = await RouterTestingHarness.create();
  });

  const router = () => TestBed.inject(Router);
  const last = () => fetches[fetches.length - 1];

  async function visit(url: string): Promise<void> {
    list = (await harness.navigateByUrl(url, FruitListComponent)).list;
  }

  async function answer(fetch: Fetch, page: Paginated<Fruit>): Promise<void> {
    fetch.answer.next(page);
    fetch.answer.complete();
    await harness.fixture.whenStable();
  }

  it('fetches what the URL says and shows the answer', async () => {
    await visit('/fruit?q=ap&colour=red&page=2&pageSize=10');
    expect(fetches.map((fetch) => fetch.state)).toEqual([
      { page: 2, pageSize: 10, filters: { q: 'ap', colour: 'red' } },
    ]);
    expect(list.loading()).toBe(true);
    expect(list.filtered()).toBe(true);

    await answer(last(), aPage([APPLE], 2, 11, 10));
    expect(list.loading()).toBe(false);
    expect(list.error()).toBeNull();
    expect(list.rows()).toEqual([APPLE]);
    expect(list.total()).toBe(11);
    expect(list.empty()).toBe(false);
  });

  it('fetches again when the URL changes, and not when it says the same thing again', async () => {
    await visit('/fruit');
    await answer(last(), aPage([APPLE, PEAR]));

    await router().navigateByUrl('/fruit?colour=green');
    expect(fetches).toHaveLength(2);
    expect(last().state.filters.colour).toBe('green');
    await answer(last(), aPage([]));
    expect(list.empty()).toBe(true);

    await router().navigateByUrl('/fruit?colour=green&unrelated=1');
    expect(fetches).toHaveLength(2);
  });

  it('reload() fetches the current state again', async () => {
    await visit('/fruit?colour=red');
    await answer(last(), aPage([APPLE]));

    list.reload();
    expect(fetches).toHaveLength(2);
    expect(last().state).toEqual(fetches[0].state);
    expect(list.loading()).toBe(true);
    await answer(last(), aPage([APPLE, PEAR]));
    expect(list.rows()).toEqual([APPLE, PEAR]);
  });

  it('turns a failed fetch into a message, keeps the rows it had and clears the message on the next success', async () => {
    await visit('/fruit');
    await answer(last(), aPage([APPLE]));

    list.reload();
    last().answer.error(
      new HttpErrorResponse({ status: 400, error: aProblem(400, 'page must not be greater than 5') }),
    );
    await harness.fixture.whenStable();
    expect(list.loading()).toBe(false);
    expect(list.error()).toBe('Page must not be greater than 5.');
    expect(list.rows()).toEqual([APPLE]);
    expect(list.empty()).toBe(false);

    list.reload();
    expect(list.error()).toBeNull();
    await answer(last(), aPage([PEAR]));
    expect(list.rows()).toEqual([PEAR]);
  });

  it('keeps only the latest answer: an older, slower one is dropped', async () => {
    await visit('/fruit');
    const first = last();
    await router().navigateByUrl('/fruit?page=2');
    const second = last();
    expect(first.answer.observed).toBe(false);

    await answer(second, aPage([PEAR], 2, 26));
    first.answer.next(aPage([APPLE]));
    await harness.fixture.whenStable();
    expect(list.rows()).toEqual([PEAR]);
    expect(list.meta()?.page).toBe(2);
  });

  it('goes to the last page, in place of the history entry, when asked for a page past it', async () => {
    await visit('/fruit?page=9');
    const navigate = jest.spyOn(router(), 'navigate');
    await answer(last(), aPage([], 9, 30));
    await harness.fixture.whenStable();

    expect(navigate).toHaveBeenCalledWith([], expect.objectContaining({ replaceUrl: true }));
    expect(router().url).toBe('/fruit?page=2');
    expect(last().state.page).toBe(2);
  });

  it('writes filter and page changes to the URL, a search alone without a history entry of its own', async () => {
    await visit('/fruit?page=3&other=kept');
    await answer(last(), aPage([APPLE], 3, 80));
    const navigate = jest.spyOn(router(), 'navigate');

    list.changeFilters({ colour: 'red' });
    await harness.fixture.whenStable();
    expect(router().url).toBe('/fruit?other=kept&colour=red');
    expect(navigate).toHaveBeenLastCalledWith([], expect.objectContaining({ replaceUrl: false }));

    list.changeFilters({ q: 'pe' });
    await harness.fixture.whenStable();
    expect(router().url).toBe('/fruit?other=kept&colour=red&q=pe');
    expect(navigate).toHaveBeenLastCalledWith([], expect.objectContaining({ replaceUrl: true }));

    list.changePage({ page: 2, pageSize: 50 });
    await harness.fixture.whenStable();
    expect(router().url).toBe('/fruit?other=kept&colour=red&q=pe&page=2&pageSize=50');

    list.clearFilters();
    await harness.fixture.whenStable();
    expect(router().url).toBe('/fruit?other=kept&pageSize=50');
    expect(list.filtered()).toBe(false);
  });

  it('writes the search box to the URL once typing pauses, and empties it on "Clear filters"', async () => {
    await visit('/fruit?page=2');
    await answer(last(), aPage([APPLE], 2, 30));
    list.search.input(' pe');
    list.search.input(' pear ');
    expect(list.search.text()).toBe(' pear ');
    expect(router().url).toBe('/fruit?page=2');

    await new Promise((resolve) => setTimeout(resolve, SEARCH_DEBOUNCE_MS + 50));
    await harness.fixture.whenStable();
    expect(router().url).toBe('/fruit?q=pear');
    expect(fetches.map((fetch) => fetch.state.filters.q)).toEqual(['', 'pear']);

    list.clearFilters();
    expect(list.search.text()).toBe('');
    await harness.fixture.whenStable();
    expect(router().url).toBe('/fruit');
  });

  it('counts a row inserted live in the total and the pages', async () => {
    await visit('/fruit');
    await answer(last(), aPage([APPLE], 1, 25));
    list.rows.update((rows) => [PEAR, ...rows]);
    list.countInserted();
    expect(list.total()).toBe(26);
    expect(list.meta()?.totalPages).toBe(2);
  });
});
