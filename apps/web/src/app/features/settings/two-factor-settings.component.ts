import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatSnackBar } from '@angular/material/snack-bar';
import { PASSWORD_MAX_LENGTH, TWO_FACTOR, type TotpSetup, type TwoFactorStatus } from '@hh/contracts';
import { applyProblemToForm } from '../../shared/forms/apply-problem-to-form';
import { fieldErrorMessage } from '../../shared/forms/field-error-message';
import { FormErrorBannerComponent } from '../../shared/forms/form-error-banner.component';
import { httpErrorMessage } from '../../shared/http/http-error-message';
import { tryAgainIn } from '../../shared/http/retry-after';
import { SecurityApiService } from './security-api.service';

const CODE = [Validators.required, Validators.pattern(/^\s*\d{3}\s?\d{3}\s*$/)];
const CODE_ERRORS = {
  statusMessages: { 429: (error: Parameters<typeof tryAgainIn>[0]) => `Too many wrong codes. ${tryAgainIn(error)}` },
};

/**
 * Settings → Security → Two-factor: set up TOTP (QR code and the secret as text, confirmed by a first code),
 * recovery codes shown once (and replaced on demand with a code), turned off with the password and a code.
 */
@Component({
  selector: 'hh-two-factor-settings',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DatePipe,
    FormErrorBannerComponent,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressSpinnerModule,
    ReactiveFormsModule,
  ],
  template: `
    <section aria-labelledby="two-factor-heading" class="two-factor">
      <h2 id="two-factor-heading">Two-factor authentication</h2>
      @if (status(); as current) {
        @if (current.required && !current.enabled) {
          <p class="required-notice" role="alert">
            Your administrator account must use two-factor authentication. Turn it on to reach the admin console.
          </p>
        }
        @if (recoveryCodes(); as codes) {
          <p>
            <strong>Save these recovery codes</strong> somewhere safe. Each one signs you in once if you lose your
            phone. They are shown only now.
          </p>
          <ol class="recovery-codes" aria-label="Recovery codes">
            @for (code of codes; track code) {
              <li>
                <code>{{ code }}</code>
              </li>
            }
          </ol>
          <div class="form-actions">
            <button mat-button type="button" (click)="copyCodes(codes)">Copy codes</button>
            <button mat-flat-button type="button" class="codes-saved" (click)="recoveryCodes.set(null)">
              I have saved them
            </button>
          </div>
        } @else if (current.enabled) {
          <p class="state-on">
            <strong>Two-factor is on</strong> since {{ current.enabledAt | date: 'mediumDate' }}.
            {{ current.recoveryCodesRemaining }} of {{ maxCodes }} recovery codes left.
          </p>
          @switch (mode()) {
            @case ('regenerate') {
              <form [formGroup]="regenerateForm" (ngSubmit)="regenerate()" novalidate aria-label="New recovery codes">
                <hh-form-error-banner [message]="formError()" />
                <mat-form-field appearance="outline">
                  <mat-label>Authentication code</mat-label>
                  <input matInput formControlName="code" inputmode="numeric" autocomplete="one-time-code" />
                  @if (fieldErrorMessage(regenerateForm.controls.code, 'Authentication code'); as message) {
                    <mat-error>{{ message }}</mat-error>
                  }
                </mat-form-field>
                <div class="form-actions">
                  <button mat-button type="button" (click)="setMode('idle')">Cancel</button>
                  <button mat-flat-button type="submit" [disabled]="busy()">Replace recovery codes</button>
                </div>
              </form>
            }
            @case ('disable') {
              <form [formGroup]="disableForm" (ngSubmit)="disable()" novalidate aria-label="Turn off two-factor">
                <hh-form-error-banner [message]="formError()" />
                <mat-form-field appearance="outline">
                  <mat-label>Password</mat-label>
                  <input matInput type="password" formControlName="password" autocomplete="current-password" />
                  @if (fieldErrorMessage(disableForm.controls.password, 'Password'); as message) {
                    <mat-error>{{ message }}</mat-error>
                  }
                </mat-form-field>
                <mat-form-field appearance="outline">
                  <mat-label>Authentication or recovery code</mat-label>
                  <input matInput formControlName="code" autocomplete="one-time-code" />
                  @if (fieldErrorMessage(disableForm.controls.code, 'Code'); as message) {
                    <mat-error>{{ message }}</mat-error>
                  }
                </mat-form-field>
                <div class="form-actions">
                  <button mat-button type="button" (click)="setMode('idle')">Cancel</button>
                  <button mat-flat-button type="submit" [disabled]="busy()">Turn off two-factor</button>
                </div>
              </form>
            }
            @default {
              <div class="form-actions">
                <button mat-stroked-button type="button" (click)="setMode('regenerate')">New recovery codes</button>
                <button mat-stroked-button type="button" class="turn-off" (click)="setMode('disable')">Turn off</button>
              </div>
            }
          }
        } @else if (setup(); as pending) {
          <p>Scan this QR code with an authenticator app (Google Authenticator, 1Password, Authy…), or type the key.</p>
          <img
            class="qr"
            [src]="pending.qrCodeDataUrl"
            alt="QR code of the two-factor secret"
            width="180"
            height="180"
          />
          <p class="secret-line">
            Key: <code class="totp-secret" data-testid="totp-secret">{{ pending.secret }}</code>
          </p>
          <form [formGroup]="confirmForm" (ngSubmit)="confirm()" novalidate aria-label="Confirm two-factor">
            <hh-form-error-banner [message]="formError()" />
            <mat-form-field appearance="outline">
              <mat-label>Code from the app</mat-label>
              <input matInput formControlName="code" inputmode="numeric" autocomplete="one-time-code" />
              @if (fieldErrorMessage(confirmForm.controls.code, 'Code'); as message) {
                <mat-error>{{ message }}</mat-error>
              }
            </mat-form-field>
            <div class="form-actions">
              <button mat-button type="button" (click)="setup.set(null)">Cancel</button>
              <button mat-flat-button type="submit" [disabled]="busy()">Turn on</button>
            </div>
          </form>
        } @else {
          <p class="muted">
            Protect your account with a code from an authenticator app on your phone, asked for at every sign-in. API
            keys are not affected.
          </p>
          <hh-form-error-banner [message]="formError()" />
          <div class="form-actions">
            <button mat-flat-button type="button" class="turn-on" (click)="startSetup()" [disabled]="busy()">
              Set up two-factor
            </button>
          </div>
        }
      } @else {
        <mat-progress-spinner diameter="24" mode="indeterminate" aria-label="Loading" />
      }
    </section>
  `,
  styles: `
    .two-factor {
      display: grid;
      gap: 0.75rem;
    }
    .qr {
      background: #fff;
      border-radius: 0.5rem;
      padding: 0.25rem;
    }
    .totp-secret {
      word-break: break-all;
      user-select: all;
    }
    .recovery-codes {
      columns: 2;
      font-family: monospace;
      margin: 0;
    }
    .required-notice {
      color: var(--mat-sys-error, #b3261e);
      font-weight: 500;
    }
    .form-actions {
      display: flex;
      gap: 0.5rem;
      flex-wrap: wrap;
    }
  `,
})
export class TwoFactorSettingsComponent {
  private readonly api = inject(SecurityApiService);
  private readonly snackBar = inject(MatSnackBar);
  private readonly fb = inject(NonNullableFormBuilder);

  protected readonly maxCodes = TWO_FACTOR.recoveryCodes;
  protected readonly fieldErrorMessage = fieldErrorMessage;
  protected readonly status = signal<TwoFactorStatus | null>(null);
  protected readonly setup = signal<TotpSetup | null>(null);
  protected readonly recoveryCodes = signal<string[] | null>(null);
  protected readonly mode = signal<'idle' | 'regenerate' | 'disable'>('idle');
  protected readonly busy = signal(false);
  protected readonly formError = signal<string | null>(null);

  protected readonly confirmForm = this.fb.group({ code: ['', CODE] });
  protected readonly regenerateForm = this.fb.group({ code: ['', CODE] });
  protected readonly disableForm = this.fb.group({
    password: ['', [Validators.required, Validators.maxLength(PASSWORD_MAX_LENGTH)]],
    code: ['', [Validators.required, Validators.maxLength(40)]],
  });

  constructor() {
    this.reload();
  }

  protected setMode(mode: 'idle' | 'regenerate' | 'disable'): void {
    this.formError.set(null);
    this.regenerateForm.reset();
    this.disableForm.reset();
    this.mode.set(mode);
  }

  protected startSetup(): void {
    this.formError.set(null);
    this.busy.set(true);
    this.api.startTotpSetup().subscribe({
      next: (setup) => {
        this.busy.set(false);
        this.confirmForm.reset();
        this.setup.set(setup);
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.formError.set(httpErrorMessage(error));
      },
    });
  }

  protected confirm(): void {
    if (!this.validate(this.confirmForm)) return;
    this.busy.set(true);
    this.api.confirmTotp(this.confirmForm.getRawValue().code.replace(/\s/g, '')).subscribe({
      next: (codes) => {
        this.busy.set(false);
        this.setup.set(null);
        this.recoveryCodes.set(codes);
        this.reload();
      },
      error: (error: unknown) => this.failed(error, this.confirmForm),
    });
  }

  protected regenerate(): void {
    if (!this.validate(this.regenerateForm)) return;
    this.busy.set(true);
    this.api.regenerateRecoveryCodes(this.regenerateForm.getRawValue().code.replace(/\s/g, '')).subscribe({
      next: (codes) => {
        this.busy.set(false);
        this.setMode('idle');
        this.recoveryCodes.set(codes);
        this.reload();
      },
      error: (error: unknown) => this.failed(error, this.regenerateForm),
    });
  }

  protected disable(): void {
    if (!this.validate(this.disableForm)) return;
    const { password, code } = this.disableForm.getRawValue();
    this.busy.set(true);
    this.api.disableTwoFactor(password, code.trim()).subscribe({
      next: () => {
        this.busy.set(false);
        this.setMode('idle');
        this.snackBar.open('Two-factor authentication is off.', 'Dismiss', { duration: 5000 });
        this.reload();
      },
      error: (error: unknown) => this.failed(error, this.disableForm),
    });
  }

  protected copyCodes(codes: string[]): void {
    void navigator.clipboard?.writeText(codes.join('\n')).then(
      () => this.snackBar.open('Recovery codes copied.', 'Dismiss', { duration: 3000 }),
      () => undefined,
    );
  }

  private reload(): void {
    this.api.twoFactorStatus().subscribe({
      next: (status) => this.status.set(status),
      error: (error: unknown) => this.formError.set(httpErrorMessage(error)),
    });
  }

  private validate(form: { invalid: boolean; markAllAsTouched(): void }): boolean {
    this.formError.set(null);
    if (form.invalid) {
      form.markAllAsTouched();
      return false;
    }
    return true;
  }

  private failed(error: unknown, form: Parameters<typeof applyProblemToForm>[1]): void {
    this.busy.set(false);
    this.formError.set(applyProblemToForm(error, form, CODE_ERRORS));
  }
}
