import { ChangeDetectionStrategy, Component } from '@angular/core';
import { APP_ROUTES } from '@hh/contracts';
import { UnderConstructionComponent } from '../../shared/ui/under-construction.component';

@Component({
  selector: 'hh-api-keys-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [UnderConstructionComponent],
  template: `<hh-under-construction
    [title]="title"
    description="Create and revoke keys that drive the REST API from your own systems."
  />`,
})
export class ApiKeysPageComponent {
  protected readonly title = APP_ROUTES.apiKeys.title;
}
