import { ChangeDetectionStrategy, Component } from '@angular/core';
import { APP_ROUTES } from '@hh/contracts';
import { ChangePasswordFormComponent } from './change-password-form.component';
import { ProfileFormComponent } from './profile-form.component';

@Component({
  selector: 'hh-settings-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ChangePasswordFormComponent, ProfileFormComponent],
  template: `
    <div class="page">
      <header class="page-intro">
        <h1>{{ title }}</h1>
        <p class="muted">Manage your profile and keep your account secure.</p>
      </header>
      <div class="cards">
        <hh-profile-form class="glass-card form-card" />
        <hh-change-password-form class="glass-card form-card" />
      </div>
    </div>
  `,
  styles: `
    .cards {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 24rem), 1fr));
      gap: 1.5rem;
      align-items: start;
    }
  `,
})
export class SettingsPageComponent {
  protected readonly title = APP_ROUTES.settings.title;
}
