import { inject, Injectable, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import type { Call } from '@hh/contracts';
import { map } from 'rxjs';
import { LiveEventsService } from '../../core/live-events/live-events.service';
import { injectReloadable } from '../http/reloadable';
import { mergeCallUpdate } from './call-list-updates';
import { CallsApiService } from './calls-api.service';
import { DEFAULT_CALL_SORT } from './calls.models';

export const RECENT_CALLS_LIMIT = 5;

/**
 * My latest calls, kept current: loaded once, then updated from the live stream (a new call appears at the top,
 * a status change updates its row) and re-loaded when the stream reconnects. Provided by the page that shows it.
 */
@Injectable()
export class RecentCallsStore {
  private readonly api = inject(CallsApiService);
  private readonly events = inject(LiveEventsService);
  /** Live updates that arrive while a load is in flight, applied to its result so that none is lost. */
  private updatesDuringLoad: Call[] = [];

  private readonly state = signal<Call[]>([]);
  private readonly loader = injectReloadable({
    load: () =>
      this.api.list({ page: 1, pageSize: RECENT_CALLS_LIMIT, sort: DEFAULT_CALL_SORT }).pipe(map((page) => page.data)),
    starting: () => (this.updatesDuringLoad = []),
    loaded: (calls) => {
      this.state.set(this.updatesDuringLoad.reduce((list, update) => this.merge(list, update), calls));
      this.updatesDuringLoad = [];
    },
    reloadOn: [this.events.reconnected$],
  });
  readonly calls = this.state.asReadonly();
  readonly loading = this.loader.loading;
  readonly loaded = this.loader.loaded;
  readonly error = this.loader.error;

  constructor() {
    this.events.callUpdates$.pipe(takeUntilDestroyed()).subscribe((call) => this.apply(call));
  }

  reload(): void {
    this.loader.reload();
  }

  /** Applies a call fresher than the list (from the live stream, or a request's answer). */
  apply(call: Call): void {
    if (this.loading()) {
      this.updatesDuringLoad.push(call);
    }
    this.state.update((list) => this.merge(list, call));
  }

  private merge(list: Call[], call: Call): Call[] {
    return mergeCallUpdate(list, call, { insertNew: true, limit: RECENT_CALLS_LIMIT });
  }
}
