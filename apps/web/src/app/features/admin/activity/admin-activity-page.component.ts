import { ChangeDetectionStrategy, Component } from '@angular/core';
import { APP_ROUTES } from '@hh/contracts';
import { UnderConstructionComponent } from '../../../shared/ui/under-construction.component';

@Component({
  selector: 'hh-admin-activity-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [UnderConstructionComponent],
  template: `<hh-under-construction
    [title]="title"
    description="The audit trail of every sign-in, call, number and key change."
  />`,
})
export class AdminActivityPageComponent {
  protected readonly title = APP_ROUTES.adminActivity.title;
}
