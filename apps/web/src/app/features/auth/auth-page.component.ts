import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatTabsModule } from '@angular/material/tabs';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { APP_ROUTES, type User } from '@hh/contracts';
import { homePathFor, safeReturnUrl } from '../../core/auth/home-path';
import { BrandMarkComponent } from '../../shared/ui/brand-mark.component';
import { AUTH_QUERY_PARAMS, SIGN_UP_MODE } from '../../core/auth/auth-query-params';
import { SignInFormComponent } from './sign-in-form.component';
import { SignUpFormComponent } from './sign-up-form.component';

@Component({
  selector: 'hh-auth-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [BrandMarkComponent, MatTabsModule, RouterLink, SignInFormComponent, SignUpFormComponent],
  templateUrl: './auth-page.component.html',
  styleUrl: './auth-page.component.scss',
})
export class AuthPageComponent {
  private readonly router = inject(Router);
  private readonly queryParams = toSignal(inject(ActivatedRoute).queryParamMap, { requireSync: true });

  protected readonly homeRoute = APP_ROUTES.home;
  protected readonly forgotPasswordRoute = APP_ROUTES.forgotPassword;
  protected readonly initialTab = computed(() =>
    this.queryParams().get(AUTH_QUERY_PARAMS.mode) === SIGN_UP_MODE ? 1 : 0,
  );
  private readonly returnUrl = computed(() => safeReturnUrl(this.queryParams().get(AUTH_QUERY_PARAMS.returnUrl)));

  /** Back where the guard found the user, or to the home of their role. */
  protected goHome(user: User): void {
    void this.router.navigateByUrl(this.returnUrl() ?? homePathFor(user));
  }
}
