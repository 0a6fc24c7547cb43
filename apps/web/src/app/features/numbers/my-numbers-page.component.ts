import { ChangeDetectionStrategy, Component } from '@angular/core';
import { APP_ROUTES } from '@hh/contracts';
import { UnderConstructionComponent } from '../../shared/ui/under-construction.component';

@Component({
  selector: 'hh-my-numbers-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [UnderConstructionComponent],
  template: `<hh-under-construction
    [title]="title"
    description="The phone numbers assigned to you, with friendly names of your choosing."
  />`,
})
export class MyNumbersPageComponent {
  protected readonly title = APP_ROUTES.numbers.title;
}
