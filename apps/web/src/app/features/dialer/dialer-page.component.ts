import { ChangeDetectionStrategy, Component } from '@angular/core';
import { APP_ROUTES } from '@hh/contracts';
import { UnderConstructionComponent } from '../../shared/ui/under-construction.component';

@Component({
  selector: 'hh-dialer-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [UnderConstructionComponent],
  template: `<hh-under-construction
    [title]="title"
    description="Place calls from your browser with a dial pad, follow their status live and hang up when you are done."
  />`,
})
export class DialerPageComponent {
  protected readonly title = APP_ROUTES.dialer.title;
}
