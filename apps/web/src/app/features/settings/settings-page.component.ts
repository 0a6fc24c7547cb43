import { ChangeDetectionStrategy, Component } from '@angular/core';
import { APP_ROUTES } from '@hh/contracts';
import { NotificationPermissionComponent } from '../../core/softphone/notification-permission.component';
import { ChangeEmailFormComponent } from '../account-email/change-email-form.component';
import { ChangePasswordFormComponent } from './change-password-form.component';
import { ProfileFormComponent } from './profile-form.component';
import { SessionsCardComponent } from './sessions-card.component';
import { TwoFactorSettingsComponent } from './two-factor-settings.component';

@Component({
  selector: 'hh-settings-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ChangeEmailFormComponent,
    ChangePasswordFormComponent,
    NotificationPermissionComponent,
    ProfileFormComponent,
    SessionsCardComponent,
    TwoFactorSettingsComponent,
  ],
  templateUrl: './settings-page.component.html',
  styleUrl: './settings-page.component.scss',
})
export class SettingsPageComponent {
  protected readonly title = APP_ROUTES.settings.title;
}
