import { signal } from '@angular/core';
import type { AdminActivityLog, Call, NumberRequest } from '@hh/contracts';
import { Subject } from 'rxjs';
import { LiveEventsService } from '../core/live-events/live-events.service';

/** Test double of the live connection: the spec pushes events and reconnections by hand. */
export class FakeLiveEvents {
  readonly callUpdates = new Subject<Call>();
  readonly callDials = new Subject<Call>();
  readonly callIncoming = new Subject<Call>();
  readonly requestUpdates = new Subject<NumberRequest>();
  readonly activity = new Subject<AdminActivityLog>();
  readonly reconnected = new Subject<void>();
  readonly connectedState = signal(true);

  readonly connected = this.connectedState.asReadonly();
  readonly callUpdates$ = this.callUpdates.asObservable();
  readonly callDials$ = this.callDials.asObservable();
  readonly callIncoming$ = this.callIncoming.asObservable();
  readonly requestUpdates$ = this.requestUpdates.asObservable();
  readonly activity$ = this.activity.asObservable();
  readonly reconnected$ = this.reconnected.asObservable();

  start(): void {
    this.connectedState.set(true);
  }

  stop(): void {
    this.connectedState.set(false);
  }
}

/** Provides a FakeLiveEvents in place of the real stream (which would need fetch and a server). */
export function provideFakeLiveEvents(fake = new FakeLiveEvents()) {
  return [
    { provide: LiveEventsService, useValue: fake },
    { provide: FakeLiveEvents, useValue: fake },
  ];
}
