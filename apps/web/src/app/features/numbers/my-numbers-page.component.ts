import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { RouterLink } from '@angular/router';
import { APP_ROUTES } from '@hh/contracts';
import { MyNumbersStore } from '../../shared/numbers/my-numbers.store';
import { NumberCardComponent } from './number-card.component';

@Component({
  selector: 'hh-my-numbers-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatIconModule, MatProgressSpinnerModule, NumberCardComponent, RouterLink],
  providers: [MyNumbersStore],
  templateUrl: './my-numbers-page.component.html',
  styleUrl: './my-numbers-page.component.scss',
})
export class MyNumbersPageComponent {
  protected readonly store = inject(MyNumbersStore);
  protected readonly title = APP_ROUTES.numbers.title;
  protected readonly requestNumber = APP_ROUTES.requestNumber;
}
