import { ChangeDetectionStrategy, Component } from '@angular/core';
import { APP_ROUTES } from '@hh/contracts';
import { UnderConstructionComponent } from '../../../shared/ui/under-construction.component';

@Component({
  selector: 'hh-admin-analytics-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [UnderConstructionComponent],
  template: `<hh-under-construction
    [title]="title"
    description="Call volume, success rates, costs and the busiest users across the system."
  />`,
})
export class AdminAnalyticsPageComponent {
  protected readonly title = APP_ROUTES.adminAnalytics.title;
}
