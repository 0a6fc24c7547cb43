import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import type { Call } from '@hh/contracts';
import { formatTimer } from '../../shared/format/duration';
import { formatPhoneNumber } from '../../shared/format/phone';
import { DialPadComponent } from './dial-pad.component';

/**
 * The live call: who is called (or, for an answered incoming call, who called), the running timer once
 * answered, mute and hold, the in-call keypad for tones, and hang up. Presentational: the page owns the call.
 */
@Component({
  selector: 'hh-call-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DialPadComponent, MatButtonModule, MatIconModule, MatProgressSpinnerModule],
  template: `
    <section class="panel" aria-label="Current call">
      <p class="callee">
        <span class="number">{{ number() }}</span>
        @if (inbound()) {
          <span class="muted">to {{ myNumber() }}</span>
        } @else if (callerId()) {
          <span class="muted">from {{ callerId() }}</span>
        }
      </p>

      @if (answered()) {
        <p class="timer-line">
          <span class="timer" role="timer" aria-label="Call duration">{{ timer() }}</span>
        </p>
      }

      <div class="toggles">
        <button
          mat-stroked-button
          type="button"
          class="toggle"
          [class.on]="muted()"
          [attr.aria-pressed]="muted()"
          [disabled]="!answered()"
          (click)="muteToggled.emit()"
        >
          <mat-icon svgIcon="hh:mic-off" aria-hidden="true" />
          Mute
        </button>
        <button
          mat-stroked-button
          type="button"
          class="toggle"
          [class.on]="held()"
          [attr.aria-pressed]="held()"
          [disabled]="!answered()"
          (click)="holdToggled.emit()"
        >
          <mat-icon svgIcon="hh:pause" aria-hidden="true" />
          Hold
        </button>
      </div>
      @if (controlError()) {
        <p class="digits-error" role="alert">{{ controlError() }}</p>
      }

      <section class="in-call-keypad" aria-label="In-call keypad">
        <hh-dial-pad label="Tones" [compact]="true" [disabled]="!answered()" (pressed)="digitPressed.emit($event)" />
        @if (sentDigits()) {
          <p class="sent muted">
            Tones sent: <span class="digits">{{ sentDigits() }}</span>
          </p>
        }
        @if (digitsError()) {
          <p class="digits-error" role="alert">{{ digitsError() }}</p>
        }
      </section>

      <button
        mat-flat-button
        type="button"
        class="hang-up"
        aria-label="Hang up"
        aria-keyshortcuts="Escape"
        [disabled]="hangingUp()"
        (click)="hangUp.emit()"
      >
        @if (hangingUp()) {
          <mat-progress-spinner diameter="18" mode="indeterminate" aria-hidden="true" />
        } @else {
          <mat-icon svgIcon="hh:call-end" aria-hidden="true" />
        }
        Hang up
        <kbd aria-hidden="true">Esc</kbd>
      </button>
    </section>
  `,
  styles: `
    kbd {
      margin-left: 0.5rem;
      padding: 0 0.3rem;
      border: 1px solid currentColor;
      border-radius: 4px;
      font: inherit;
      font-size: 0.75em;
      opacity: 0.8;
    }
    /* On a small screen Hang up stays at the bottom of the window while the call lasts. */
    .hang-up {
      position: sticky;
      bottom: 0.75rem;
      z-index: 2;
    }
    .panel {
      display: grid;
      justify-items: center;
      gap: 1rem;
    }
    .callee {
      display: flex;
      flex-direction: column;
      align-items: center;
      margin: 0;
    }
    .callee .number {
      font: var(--mat-sys-title-large);
    }
    .timer-line {
      margin: 0;
    }
    .timer {
      font-size: 2.25rem;
      font-weight: 300;
      font-variant-numeric: tabular-nums;
      letter-spacing: 0.04em;
    }
    .toggles {
      display: flex;
      gap: 0.75rem;
    }
    .toggle.on {
      color: var(--mat-sys-on-primary);
      background: var(--mat-sys-primary);
    }
    .in-call-keypad {
      display: grid;
      justify-items: center;
      gap: 0.5rem;
    }
    .sent {
      margin: 0;
    }
    .digits {
      font-variant-numeric: tabular-nums;
      letter-spacing: 0.12em;
    }
    .digits-error {
      margin: 0;
      color: #fecaca;
    }
    .hang-up {
      min-width: 12rem;
      height: 3rem;
      --mat-button-filled-container-color: var(--hh-danger);
      --mat-button-filled-label-text-color: #fff;
    }
  `,
})
export class CallPanelComponent {
  readonly call = input.required<Call>();
  readonly callerIdLabel = input<string | null>(null);
  readonly elapsedSeconds = input(0);
  readonly muted = input(false);
  readonly held = input(false);
  readonly sentDigits = input('');
  readonly digitsError = input<string | null>(null);
  readonly controlError = input<string | null>(null);
  readonly hangingUp = input(false);

  readonly muteToggled = output<void>();
  readonly holdToggled = output<void>();
  readonly digitPressed = output<string>();
  readonly hangUp = output<void>();

  /** An answered incoming call (sip mode) shows who called and which of my numbers they called. */
  protected readonly inbound = computed(() => this.call().direction === 'inbound');
  protected readonly number = computed(() =>
    formatPhoneNumber(this.inbound() ? this.call().fromNumber : this.call().toNumber),
  );
  protected readonly myNumber = computed(() => formatPhoneNumber(this.call().toNumber));
  protected readonly callerId = computed(() => this.callerIdLabel() ?? formatPhoneNumber(this.call().fromNumber));
  protected readonly answered = computed(() => this.call().status === 'in_progress');
  protected readonly timer = computed(() => formatTimer(this.elapsedSeconds()));
}
