import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { APP_ROUTES } from '@hh/contracts';

interface StatCard {
  label: string;
  icon: string;
}

/**
 * The admin console's front page. The figures arrive with the admin dashboard issue; until then the cards say so.
 * The cards are deliberately not links: the sidebar already links each section, and a second link named "Users"
 * would make the page's links ambiguous.
 */
@Component({
  selector: 'hh-admin-dashboard-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatIconModule],
  templateUrl: './admin-dashboard-page.component.html',
  styleUrl: './admin-dashboard-page.component.scss',
})
export class AdminDashboardPageComponent {
  protected readonly title = APP_ROUTES.admin.title;
  protected readonly stats: readonly StatCard[] = [
    { label: 'Users', icon: 'group' },
    { label: 'Calls', icon: 'phone' },
    { label: 'Numbers', icon: 'sim-card' },
    { label: 'Pending requests', icon: 'inbox' },
  ];
  protected readonly activityTitle = APP_ROUTES.adminActivity.title;
}
