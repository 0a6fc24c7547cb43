import { BreakpointObserver } from '@angular/cdk/layout';
import { inject, type Signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { map } from 'rxjs';

/** Below this width a list shows only the columns that identify a row (the rest is in its details). */
export const PHONE_QUERY = '(max-width: 599.98px)';

/** Whether the window is phone-sized, as a signal (call in an injection context). */
export function injectIsPhone(): Signal<boolean> {
  const observer = inject(BreakpointObserver);
  return toSignal(observer.observe(PHONE_QUERY).pipe(map((state) => state.matches)), {
    initialValue: observer.isMatched(PHONE_QUERY),
  });
}
