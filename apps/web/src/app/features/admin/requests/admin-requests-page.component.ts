import { ChangeDetectionStrategy, Component } from '@angular/core';
import { APP_ROUTES } from '@hh/contracts';
import { UnderConstructionComponent } from '../../../shared/ui/under-construction.component';

@Component({
  selector: 'hh-admin-requests-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [UnderConstructionComponent],
  template: `<hh-under-construction
    [title]="title"
    description="The queue of number requests to approve, fulfil or deny."
  />`,
})
export class AdminRequestsPageComponent {
  protected readonly title = APP_ROUTES.adminRequests.title;
}
