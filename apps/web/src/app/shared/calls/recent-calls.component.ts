import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { APP_ROUTES, type Call } from '@hh/contracts';
import { CallLinkComponent } from '../contacts/call-link.component';
import { ContactNamePipe } from '../contacts/contact-name.pipe';
import { PhonePartyComponent } from '../contacts/phone-party.component';
import { callStatusLabel, callStatusTone, callSummary } from '../format/call-status';

interface RecentCallRow {
  call: Call;
  /** The other party's number (E.164). */
  number: string;
  summary: string;
  statusLabel: string;
  tone: string;
  /** The summary already says the status (unless it is a duration): no need to repeat it to screen readers. */
  summaryIsStatus: boolean;
}

let nextId = 0;

/** The latest calls as a short list: the number, when, and how it went. */
@Component({
  selector: 'hh-recent-calls',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    CallLinkComponent,
    ContactNamePipe,
    DatePipe,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    PhonePartyComponent,
    RouterLink,
  ],
  template: `
    <section class="glass-card recent" [attr.aria-labelledby]="headingId" [attr.aria-busy]="loading()">
      <header>
        <h2 [id]="headingId">Recent calls</h2>
        <a mat-button [routerLink]="historyRoute.path">View all calls</a>
      </header>
      @if (loading()) {
        <mat-progress-bar mode="indeterminate" aria-label="Loading recent calls" />
      }
      @if (error(); as error) {
        <div class="problem" role="alert">
          <span>{{ error }}</span>
          <button mat-button type="button" (click)="retry.emit()">Try again</button>
        </div>
      } @else if (!loading() && rows().length === 0) {
        <p class="muted empty">No calls yet. Calls you place show up here as they happen.</p>
      }
      @if (rows().length > 0) {
        <ul class="calls" [attr.aria-labelledby]="headingId">
          @for (row of rows(); track row.call.id) {
            <li class="call">
              <mat-icon
                class="direction"
                [svgIcon]="row.call.direction === 'inbound' ? 'hh:call-received' : 'hh:call-made'"
                aria-hidden="true"
              />
              <span class="who">
                <hh-phone-party class="number" [number]="row.number" />
                <span class="when muted">{{ row.call.startTime | date: 'MMM d, h:mm a' }}</span>
              </span>
              <span class="status-pill call-pill" [class]="'tone-' + row.tone">
                @if (!row.summaryIsStatus) {
                  <span class="visually-hidden">{{ row.statusLabel }}, </span>
                }
                {{ row.summary }}
              </span>
              @if (redial()) {
                <button
                  mat-icon-button
                  type="button"
                  class="redial"
                  [attr.aria-label]="'Call ' + (row.number | contactName)"
                  [disabled]="redialDisabled()"
                  (click)="redialed.emit(row.call)"
                >
                  <mat-icon svgIcon="hh:phone" aria-hidden="true" />
                </button>
              } @else {
                <hh-call-link [number]="row.number" />
              }
            </li>
          }
        </ul>
      }
    </section>
  `,
  styles: `
    .recent {
      padding: 1.25rem 1.5rem;
    }
    header {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 1rem;
      margin-bottom: 0.5rem;
    }
    h2 {
      margin: 0;
      font: var(--mat-sys-title-medium);
    }
    .calls {
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .call {
      display: flex;
      align-items: center;
      gap: 0.75rem;
      padding: 0.625rem 0;
      border-top: 1px solid var(--hh-glass-border);
    }
    .call:first-child {
      border-top: 0;
    }
    .direction {
      flex: none;
      color: var(--mat-sys-on-surface-variant);
    }
    .who {
      display: flex;
      flex-direction: column;
      flex: 1;
      min-width: 0;
    }
    .number {
      font-weight: 600;
      font-variant-numeric: tabular-nums;
    }
    .when {
      font: var(--mat-sys-body-small);
    }
    .problem {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 1rem;
      color: #fecaca;
    }
    .empty {
      margin: 0.5rem 0;
    }
  `,
})
export class RecentCallsComponent {
  readonly calls = input.required<readonly Call[]>();
  readonly loading = input(false);
  readonly error = input<string | null>(null);
  /** Offer a "Call …" button on each call that fills its number into the dialer (on the dialer). */
  readonly redial = input(false);
  readonly redialDisabled = input(false);

  readonly retry = output<void>();
  readonly redialed = output<Call>();

  protected readonly headingId = `hh-recent-calls-${nextId++}`;
  protected readonly historyRoute = APP_ROUTES.calls;
  protected readonly rows = computed<RecentCallRow[]>(() =>
    this.calls().map((call) => ({
      call,
      number: call.direction === 'inbound' ? call.fromNumber : call.toNumber,
      summary: callSummary(call),
      statusLabel: callStatusLabel(call),
      tone: callStatusTone(call.status),
      summaryIsStatus: call.status !== 'completed',
    })),
  );
}
