import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { type SoftphoneStatus, SoftphoneService } from './softphone.service';

/** The indicator's words, kept stable: the Playwright telephony specs read them. */
export const PHONE_STATE_LABELS: Readonly<Record<SoftphoneStatus, string>> = {
  online: 'Phone online',
  connecting: 'Connecting…',
  offline: 'Phone offline',
  error: 'Phone offline',
};

/**
 * Whether the browser softphone can place and receive calls, and why not. Shown in sip mode only (in mock mode
 * calls need no phone). The reason's id lets the Call button point at it (aria-describedby).
 */
@Component({
  selector: 'hh-phone-state',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (softphone.sipMode()) {
      <p class="state" [class]="'state tone-' + status()" aria-live="polite">
        <span class="dot" aria-hidden="true"></span>
        <span class="label" data-testid="phone-state">{{ label() }}</span>
        @if (softphone.unavailable(); as reason) {
          <span class="reason muted" data-testid="phone-state-reason" [id]="reasonId()">{{ reason }}</span>
        }
      </p>
    }
  `,
  styles: `
    .state {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.25rem 0.5rem;
      margin: 0;
      font: var(--mat-sys-body-medium);
    }
    .dot {
      width: 0.625rem;
      height: 0.625rem;
      border-radius: 50%;
      background: var(--mat-sys-outline);
    }
    .tone-online .dot {
      background: var(--hh-success);
    }
    .tone-connecting .dot {
      background: var(--hh-warning);
    }
    .tone-error .dot {
      background: var(--hh-danger);
    }
    .label {
      font-weight: 600;
    }
    .reason {
      flex-basis: 100%;
      font: var(--mat-sys-body-small);
    }
  `,
})
export class PhoneStateComponent {
  protected readonly softphone = inject(SoftphoneService);
  /** The id of the reason's element, for aria-describedby. */
  readonly reasonId = input('phone-state-reason');
  protected readonly status = computed(() => this.softphone.state().status);
  protected readonly label = computed(() => PHONE_STATE_LABELS[this.status()]);
}
