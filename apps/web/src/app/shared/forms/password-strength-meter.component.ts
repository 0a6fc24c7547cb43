import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { catchError, debounceTime, from, of, switchMap } from 'rxjs';
import { PasswordStrengthService, type PasswordStrength } from './password-strength.service';

const SEGMENTS = [1, 2, 3, 4] as const;

/**
 * A four-segment bar and a label (Weak/Fair/Good/Strong) under a new-password field. It only advises:
 * the API enforces the rules and refuses common passwords itself.
 */
@Component({
  selector: 'hh-password-strength-meter',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (password() && strength(); as strength) {
      <div class="meter" [attr.data-strength]="strength.label.toLowerCase()">
        <div class="segments" aria-hidden="true">
          @for (segment of segments; track segment) {
            <span class="segment" [class.filled]="segment <= filledSegments()"></span>
          }
        </div>
        <p class="label" aria-live="polite">
          Password strength: <strong>{{ strength.label }}</strong>
        </p>
      </div>
    }
  `,
  styles: `
    :host {
      display: block;
      min-height: 1.75rem;
    }
    .meter {
      display: flex;
      align-items: center;
      gap: 0.75rem;
      --meter-color: var(--hh-danger);
    }
    .meter[data-strength='fair'] {
      --meter-color: var(--hh-warning);
    }
    .meter[data-strength='good'] {
      --meter-color: #a3e635;
    }
    .meter[data-strength='strong'] {
      --meter-color: var(--hh-success);
    }
    .segments {
      display: grid;
      grid-template-columns: repeat(4, 1fr);
      gap: 4px;
      flex: 1;
    }
    .segment {
      height: 6px;
      border-radius: 3px;
      background: rgb(148 163 184 / 0.2);
      transition: background-color 160ms ease;
    }
    .segment.filled {
      background: var(--meter-color);
    }
    .label {
      margin: 0;
      font-size: 0.8125rem;
      color: var(--mat-sys-on-surface-variant);
      white-space: nowrap;
    }
    .label strong {
      color: var(--meter-color);
    }
  `,
})
export class PasswordStrengthMeterComponent {
  private readonly strengthService = inject(PasswordStrengthService);

  readonly password = input.required<string>();
  /** Words the password should not lean on, such as the user's name and email. */
  readonly userInputs = input<string[]>([]);

  protected readonly segments = SEGMENTS;

  protected readonly strength = toSignal(
    toObservable(computed(() => ({ password: this.password(), userInputs: this.userInputs() }))).pipe(
      debounceTime(120),
      switchMap(({ password, userInputs }) =>
        password
          ? from(this.strengthService.estimate(password, userInputs)).pipe(catchError(() => of(null)))
          : of(null),
      ),
    ),
    { initialValue: null as PasswordStrength | null },
  );

  protected readonly filledSegments = computed(() => Math.max(1, this.strength()?.score ?? 0));
}
