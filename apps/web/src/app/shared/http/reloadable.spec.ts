import { HttpErrorResponse } from '@angular/common/http';
import { Injector, runInInjectionContext } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Subject } from 'rxjs';
import { aProblem } from '../../testing/auth-fixtures';
import { httpErrorMessage } from './http-error-message';
import { injectReloadable, type Reloadable } from './reloadable';

describe('Reloadable', () => {
  let answers: Subject<string[]>[];
  let kept: string[][];
  let starts: number;
  let trigger: Subject<void>;
  let reloadable: Reloadable<string[]>;

  beforeEach(() => {
    answers = [];
    kept = [];
    starts = 0;
    trigger = new Subject<void>();
    reloadable = runInInjectionContext(TestBed.inject(Injector), () =>
      injectReloadable<string[]>({
        load: () => {
          const answer = new Subject<string[]>();
          answers.push(answer);
          return answer;
        },
        loaded: (value) => kept.push(value),
        starting: () => (starts += 1),
        reloadOn: [trigger],
      }),
    );
  });

  const answer = (index: number, value: string[]) => {
    answers[index].next(value);
    answers[index].complete();
  };

  it('loads at once and keeps what arrives', () => {
    expect(answers).toHaveLength(1);
    expect(reloadable.loading()).toBe(true);
    expect(reloadable.loaded()).toBe(false);

    answer(0, ['a']);

    expect(kept).toEqual([['a']]);
    expect(reloadable.loading()).toBe(false);
    expect(reloadable.loaded()).toBe(true);
    expect(reloadable.error()).toBeNull();
  });

  it('says why a load failed, keeps what it had, and clears the error once a reload succeeds', () => {
    answer(0, ['a']);
    const settled: (string[] | null)[] = [];
    reloadable.settled$.subscribe((value) => settled.push(value));

    reloadable.reload();
    const failure = new HttpErrorResponse({ status: 503, error: aProblem(503, 'Down for maintenance') });
    answers[1].error(failure);

    expect(reloadable.error()).toBe(httpErrorMessage(failure));
    expect(reloadable.loaded()).toBe(true);
    expect(kept).toEqual([['a']]);

    trigger.next();
    expect(reloadable.loading()).toBe(true);
    answer(2, ['b']);

    expect(reloadable.error()).toBeNull();
    expect(kept).toEqual([['a'], ['b']]);
    expect(settled).toEqual([null, ['b']]);
    expect(starts).toBe(3);
  });

  it('keeps only the latest load when a reload overtakes one in flight', () => {
    reloadable.reload();
    answer(1, ['new']);
    answers[0].next(['old']);

    expect(kept).toEqual([['new']]);
  });
});
