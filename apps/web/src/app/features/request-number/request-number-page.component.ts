import { ChangeDetectionStrategy, Component } from '@angular/core';
import { APP_ROUTES } from '@hh/contracts';
import { UnderConstructionComponent } from '../../shared/ui/under-construction.component';

@Component({
  selector: 'hh-request-number-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [UnderConstructionComponent],
  template: `<hh-under-construction
    [title]="title"
    description="Ask for a local, toll-free or mobile number; an admin assigns one from the inventory."
  />`,
})
export class RequestNumberPageComponent {
  protected readonly title = APP_ROUTES.requestNumber.title;
}
