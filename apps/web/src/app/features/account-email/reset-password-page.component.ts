import { ChangeDetectionStrategy, Component, computed, ElementRef, inject, OnInit, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { APP_ROUTES } from '@hh/contracts';
import { AuthStore } from '../../core/auth/auth-store.service';
import { matchingFields, passwordRules } from '../../shared/forms/account-validators';
import { applyProblemToForm } from '../../shared/forms/apply-problem-to-form';
import { fieldErrorMessage } from '../../shared/forms/field-error-message';
import { focusFirstInvalidField } from '../../shared/forms/focus-first-invalid-field';
import { FormErrorBannerComponent } from '../../shared/forms/form-error-banner.component';
import { PasswordStrengthMeterComponent } from '../../shared/forms/password-strength-meter.component';
import { problemDetailsOf } from '../../shared/http/http-error-message';
import { EmailApiService, takeTokenFromFragment } from './email-api.service';
import { PublicCardComponent } from './public-card.component';

const BAD_LINK = 'This link is invalid, already used or expired. Ask for a new one.';

/** /voip/reset-password#token=…: the page a reset link opens, where the user chooses a new password. */
@Component({
  selector: 'hh-reset-password-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    FormErrorBannerComponent,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressSpinnerModule,
    PasswordStrengthMeterComponent,
    PublicCardComponent,
    ReactiveFormsModule,
    RouterLink,
  ],
  template: `
    <hh-public-card heading="Choose a new password">
      @if (done()) {
        <p class="done" role="status">
          Your password was changed. Every session was signed out{{
            keysRevoked() ? ' and every API key revoked' : ''
          }}.
        </p>
        <a mat-flat-button [routerLink]="signInPath">Sign in</a>
      } @else if (!token) {
        <p class="failed" role="alert">{{ badLink }}</p>
        <a mat-flat-button [routerLink]="forgotPath">Ask for a new link</a>
      } @else {
        <form
          [formGroup]="form"
          (ngSubmit)="submit()"
          novalidate
          aria-label="Reset password"
          [attr.aria-busy]="submitting()"
        >
          <hh-form-error-banner [message]="formError()" />
          @if (linkExpired()) {
            <p class="new-link"><a [routerLink]="forgotPath">Ask for a new link</a></p>
          }
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>New password</mat-label>
            <input matInput type="password" formControlName="newPassword" autocomplete="new-password" />
            <mat-hint>At least 8 characters, with an uppercase letter and a digit.</mat-hint>
            @if (fieldErrorMessage(form.controls.newPassword, 'New password'); as message) {
              <mat-error>{{ message }}</mat-error>
            }
          </mat-form-field>
          <hh-password-strength-meter class="strength" [password]="password()" [userInputs]="[]" />
          <mat-form-field appearance="outline">
            <mat-label>Repeat the new password</mat-label>
            <input matInput type="password" formControlName="confirm" autocomplete="new-password" />
            @if (fieldErrorMessage(form.controls.confirm, 'The repeated password'); as message) {
              <mat-error>{{ message }}</mat-error>
            }
          </mat-form-field>
          @if (needsCode()) {
            <p class="code-hint">Your account has two-factor authentication: enter a code to change its password.</p>
            <mat-form-field appearance="outline">
              <mat-label>Authentication or recovery code</mat-label>
              <input matInput formControlName="code" autocomplete="one-time-code" spellcheck="false" />
              @if (fieldErrorMessage(form.controls.code, 'Code'); as message) {
                <mat-error>{{ message }}</mat-error>
              }
            </mat-form-field>
          }
          <mat-checkbox formControlName="revokeApiKeys">Also revoke every API key of my account</mat-checkbox>
          <button mat-flat-button type="submit" class="submit" [disabled]="submitting()">
            @if (submitting()) {
              <mat-progress-spinner diameter="18" mode="indeterminate" aria-hidden="true" />
            }
            Change password
          </button>
        </form>
      }
    </hh-public-card>
  `,
  styles: `
    mat-form-field,
    .submit {
      width: 100%;
    }
    .strength {
      display: block;
      margin: 0.5rem 0 1rem;
    }
    mat-checkbox {
      display: block;
      margin: 0 0 1rem;
    }
    .failed {
      color: #fecaca;
    }
    .done,
    .failed {
      margin: 0 0 1.5rem;
    }
    .new-link,
    .code-hint {
      margin: 0 0 1rem;
    }
    .new-link a {
      color: #fbbf24;
    }
  `,
})
export class ResetPasswordPageComponent implements OnInit {
  private readonly api = inject(EmailApiService);
  private readonly store = inject(AuthStore);
  private readonly route = inject(ActivatedRoute);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  protected readonly signInPath = APP_ROUTES.auth.path;
  protected readonly forgotPath = APP_ROUTES.forgotPassword.path;
  protected readonly badLink = BAD_LINK;
  protected token: string | null = null;
  protected readonly submitting = signal(false);
  protected readonly formError = signal<string | null>(null);
  protected readonly linkExpired = signal(false);
  protected readonly done = signal(false);
  protected readonly keysRevoked = signal(true);
  protected readonly needsCode = signal(false);
  protected readonly fieldErrorMessage = fieldErrorMessage;

  protected readonly form = inject(NonNullableFormBuilder).group(
    {
      newPassword: ['', [Validators.required, passwordRules]],
      confirm: ['', [Validators.required]],
      revokeApiKeys: [true],
      /** With two-factor on (the API asks for it): a TOTP code or a recovery code. */
      code: [''],
    },
    { validators: matchingFields('newPassword', 'confirm') },
  );
  private readonly values = toSignal(this.form.valueChanges, { initialValue: this.form.getRawValue() });
  protected readonly password = computed(() => this.values().newPassword ?? '');

  ngOnInit(): void {
    this.token = takeTokenFromFragment(this.route.snapshot.fragment);
  }

  protected submit(): void {
    this.formError.set(null);
    if (this.form.invalid || !this.token) {
      this.form.markAllAsTouched();
      focusFirstInvalidField(this.host.nativeElement);
      return;
    }
    const { newPassword, revokeApiKeys, code } = this.form.getRawValue();
    const typed = code.trim();
    const secondFactor =
      !this.needsCode() || typed === ''
        ? {}
        : /^\d{3}\s?\d{3}$/.test(typed)
          ? { code: typed.replace(/\s/g, '') }
          : { recoveryCode: typed };
    this.submitting.set(true);
    this.api.resetPassword({ token: this.token, newPassword, revokeApiKeys, ...secondFactor }).subscribe({
      next: () => {
        this.submitting.set(false);
        this.keysRevoked.set(revokeApiKeys);
        // Every session of the account ended, this tab's too.
        if (this.store.isAuthenticated()) this.store.clearSession();
        this.done.set(true);
      },
      error: (error: unknown) => {
        this.submitting.set(false);
        const tokenRefused = problemDetailsOf(error)?.errors?.some((e) => e.field === 'token') ?? false;
        if (tokenRefused) {
          this.linkExpired.set(true);
          this.formError.set(BAD_LINK);
          return;
        }
        const fields = problemDetailsOf(error)?.errors?.map((e) => e.field) ?? [];
        if (fields.includes('code') || fields.includes('recoveryCode')) this.needsCode.set(true);
        this.formError.set(applyProblemToForm(error, this.form));
      },
    });
  }
}
