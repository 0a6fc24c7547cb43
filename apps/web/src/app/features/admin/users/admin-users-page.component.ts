import { ChangeDetectionStrategy, Component } from '@angular/core';
import { APP_ROUTES } from '@hh/contracts';
import { UnderConstructionComponent } from '../../../shared/ui/under-construction.component';

@Component({
  selector: 'hh-admin-users-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [UnderConstructionComponent],
  template: `<hh-under-construction
    [title]="title"
    description="Search accounts, approve new sign-ups, change roles and suspend users."
  />`,
})
export class AdminUsersPageComponent {
  protected readonly title = APP_ROUTES.adminUsers.title;
}
