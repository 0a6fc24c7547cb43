import { ChangeDetectionStrategy, Component } from '@angular/core';
import { APP_ROUTES } from '@hh/contracts';
import { UnderConstructionComponent } from '../../shared/ui/under-construction.component';

@Component({
  selector: 'hh-call-history-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [UnderConstructionComponent],
  template: `<hh-under-construction
    [title]="title"
    description="Every call you placed, with its status, duration and cost, filterable and exportable to CSV."
  />`,
})
export class CallHistoryPageComponent {
  protected readonly title = APP_ROUTES.calls.title;
}
