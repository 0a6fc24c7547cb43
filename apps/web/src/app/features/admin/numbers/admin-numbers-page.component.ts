import { ChangeDetectionStrategy, Component } from '@angular/core';
import { APP_ROUTES } from '@hh/contracts';
import { UnderConstructionComponent } from '../../../shared/ui/under-construction.component';

@Component({
  selector: 'hh-admin-numbers-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [UnderConstructionComponent],
  template: `<hh-under-construction
    [title]="title"
    description="The company's number inventory: add, import, assign and release numbers."
  />`,
})
export class AdminNumbersPageComponent {
  protected readonly title = APP_ROUTES.adminNumbers.title;
}
