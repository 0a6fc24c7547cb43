import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { Router } from '@angular/router';
import { APP_ROUTES } from '@hh/contracts';
import { ContactDirectoryStore } from '../../shared/contacts/contact-directory.store';
import { formatPhoneNumber } from '../../shared/format/phone';
import { type IncomingCall, SoftphoneService } from './softphone.service';

/**
 * Calls ringing this browser, on every signed-in page (the shell holds it): who calls, which of my numbers they
 * called, Accept and Decline. Accepting opens the dialer, which shows the live call. A call that rings during another
 * is call waiting, offered to decline only. Kamailio ends an unanswered call after 25 s, which closes its card.
 * Also shows what the softphone needs to tell without a page asking (a call placed for the API that failed).
 */
@Component({
  selector: 'hh-incoming-call-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatIconModule],
  template: `
    <div class="stack" aria-live="assertive">
      @for (call of softphone.incoming(); track call.key) {
        <section
          class="card"
          data-testid="incoming-call"
          [attr.aria-label]="call.waiting ? 'Call waiting' : 'Incoming call'"
        >
          <p class="title">
            <mat-icon svgIcon="hh:phone" aria-hidden="true" />
            {{ call.waiting ? 'Call waiting' : 'Incoming call' }}
          </p>
          <p class="caller" data-testid="incoming-caller">{{ caller(call) }}</p>
          @if (callerName(call)) {
            <p class="caller-number muted" data-testid="incoming-caller-number">
              {{ format(call.callerNumber) }}
            </p>
          }
          @if (call.calledNumber) {
            <p class="called muted" data-testid="incoming-called">to {{ format(call.calledNumber) }}</p>
          }
          @if (!call.waiting && softphone.awaitingMicrophone()) {
            <p class="muted hint">Allow the microphone when the browser asks, to answer.</p>
          }
          @if (call.problem) {
            <p class="problem" role="alert">{{ call.problem }}</p>
          }
          <div class="actions">
            @if (!call.waiting) {
              <button mat-flat-button type="button" class="accept" data-testid="incoming-accept" (click)="accept(call)">
                Accept
              </button>
            }
            <button
              mat-flat-button
              type="button"
              class="decline"
              data-testid="incoming-decline"
              (click)="softphone.decline(call.key)"
            >
              Decline
            </button>
          </div>
        </section>
      }
      @if (softphone.notice(); as notice) {
        <section class="card" aria-label="Phone notice">
          <p class="problem" role="alert">{{ notice }}</p>
          <div class="actions">
            <button mat-button type="button" (click)="softphone.notice.set(null)">Dismiss</button>
          </div>
        </section>
      }
    </div>
  `,
  styles: `
    .stack {
      position: fixed;
      right: 1rem;
      bottom: 1rem;
      z-index: 1000;
      display: grid;
      gap: 0.75rem;
      width: min(22rem, calc(100vw - 2rem));
    }
    .card {
      padding: 1rem 1.25rem;
      border-radius: 1rem;
      background: var(--mat-sys-surface-container-high);
      border: 1px solid var(--hh-glass-border);
      box-shadow: 0 12px 32px rgb(2 6 23 / 0.5);
    }
    p {
      margin: 0 0 0.25rem;
    }
    .title {
      display: flex;
      align-items: center;
      gap: 0.5rem;
      font: var(--mat-sys-label-large);
      color: var(--mat-sys-on-surface-variant);
    }
    .caller {
      font: var(--mat-sys-title-large);
    }
    .hint {
      font: var(--mat-sys-body-small);
    }
    .problem {
      color: #fecaca;
      font: var(--mat-sys-body-small);
    }
    .actions {
      display: flex;
      justify-content: flex-end;
      gap: 0.5rem;
      margin-top: 0.75rem;
    }
    .accept {
      --mat-button-filled-container-color: var(--hh-success);
      --mat-button-filled-label-text-color: #052e16;
    }
    .decline {
      --mat-button-filled-container-color: var(--hh-danger);
      --mat-button-filled-label-text-color: #fff;
    }
  `,
})
export class IncomingCallPanelComponent {
  protected readonly softphone = inject(SoftphoneService);
  private readonly router = inject(Router);

  private readonly directory = inject(ContactDirectoryStore);

  /** The caller's contact name when one of my contacts holds the number, else the number. */
  protected caller(call: IncomingCall): string {
    return this.callerName(call) ?? (call.callerNumber ? formatPhoneNumber(call.callerNumber) : 'Unknown caller');
  }

  protected callerName(call: IncomingCall): string | null {
    return this.directory.lookup().nameFor(call.callerNumber);
  }

  protected format(number: string): string {
    return formatPhoneNumber(number);
  }

  protected async accept(call: IncomingCall): Promise<void> {
    await this.softphone.accept(call.key);
    // The dialer shows the live call (it follows the callee's row the softphone now carries).
    const dialer = APP_ROUTES.dialer.path;
    if (this.softphone.call()?.key === call.key && !this.router.url.startsWith(dialer)) {
      await this.router.navigateByUrl(dialer);
    }
  }
}
