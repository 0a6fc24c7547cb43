import { inject, Injectable, signal } from '@angular/core';
import type { PhoneNumber } from '@hh/contracts';
import { filter } from 'rxjs';
import { LiveEventsService } from '../../core/live-events/live-events.service';
import { injectReloadable } from '../http/reloadable';
import { NumbersApiService } from './numbers-api.service';

/**
 * My numbers, kept current: loaded once, and loaded again when a request of mine is fulfilled (a number was just
 * assigned) or the live stream reconnects (an event may have been missed). Provided by the page that shows them.
 */
@Injectable()
export class MyNumbersStore {
  private readonly api = inject(NumbersApiService);
  private readonly events = inject(LiveEventsService);
  private readonly state = signal<PhoneNumber[]>([]);
  private readonly loader = injectReloadable({
    load: () => this.api.myNumbers(),
    loaded: (numbers) => this.state.set(numbers),
    reloadOn: [
      this.events.requestUpdates$.pipe(filter((request) => request.status === 'fulfilled')),
      this.events.reconnected$,
    ],
  });

  readonly numbers = this.state.asReadonly();
  /** True while a load is in flight, including reloads behind a list already shown. */
  readonly loading = this.loader.loading;
  /** Whether a list has arrived at least once: until then there is nothing to show but a spinner or an error. */
  readonly loaded = this.loader.loaded;
  readonly error = this.loader.error;
  /** Each load's outcome as it settles: my numbers, or null when they could not be read. */
  readonly settled$ = this.loader.settled$;

  reload(): void {
    this.loader.reload();
  }

  /** Puts a number the API just returned (e.g. renamed) in place of the one shown. */
  replace(number: PhoneNumber): void {
    this.state.update((numbers) => numbers.map((shown) => (shown.id === number.id ? number : shown)));
  }
}
