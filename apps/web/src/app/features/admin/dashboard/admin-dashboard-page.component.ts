import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { APP_ROUTES, type AppRoute } from '@hh/contracts';

interface StatCard {
  label: string;
  icon: string;
  route: AppRoute;
}

/** The admin console's front page. The figures arrive with the analytics release; until then the cards say so. */
@Component({
  selector: 'hh-admin-dashboard-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatIconModule, RouterLink],
  templateUrl: './admin-dashboard-page.component.html',
  styleUrl: './admin-dashboard-page.component.scss',
})
export class AdminDashboardPageComponent {
  protected readonly title = APP_ROUTES.admin.title;
  protected readonly stats: readonly StatCard[] = [
    { label: 'Users', icon: 'group', route: APP_ROUTES.adminUsers },
    { label: 'Calls', icon: 'phone', route: APP_ROUTES.adminAnalytics },
    { label: 'Numbers', icon: 'sim-card', route: APP_ROUTES.adminNumbers },
    { label: 'Pending requests', icon: 'inbox', route: APP_ROUTES.adminRequests },
  ];
  protected readonly activityRoute = APP_ROUTES.adminActivity;
}
