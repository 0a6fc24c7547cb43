import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { APP_ROUTES, type AppRoute } from '@hh/contracts';
import { AuthStore } from '../../core/auth/auth-store.service';

interface QuickAction {
  route: AppRoute;
  icon: string;
  description: string;
}

@Component({
  selector: 'hh-dashboard-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, MatButtonModule, MatIconModule, RouterLink],
  templateUrl: './dashboard-page.component.html',
  styleUrl: './dashboard-page.component.scss',
})
export class DashboardPageComponent {
  protected readonly user = inject(AuthStore).user;
  protected readonly firstName = computed(() => this.user()?.name.trim().split(/\s+/)[0] ?? '');
  protected readonly routes = APP_ROUTES;
  protected readonly quickActions: readonly QuickAction[] = [
    { route: APP_ROUTES.dialer, icon: 'dialpad', description: 'Place a call from your browser.' },
    { route: APP_ROUTES.requestNumber, icon: 'add-call', description: 'Get a local, toll-free or mobile number.' },
    { route: APP_ROUTES.apiKeys, icon: 'key', description: 'Drive the portal from your own systems.' },
  ];
}
