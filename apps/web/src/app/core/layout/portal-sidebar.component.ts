import { ChangeDetectionStrategy, Component, computed, inject, output } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { MatListModule } from '@angular/material/list';
import { RouterLink, RouterLinkActive } from '@angular/router';
import { APP_ROUTES } from '@hh/contracts';
import { AuthStore } from '../auth/auth-store.service';
import { MissedCallsService } from '../calls/missed-calls.service';
import { navigationFor } from './portal-navigation';

/** The portal's navigation, grouped by what the signed-in role may use. */
@Component({
  selector: 'hh-portal-sidebar',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatIconModule, MatListModule, RouterLink, RouterLinkActive],
  templateUrl: './portal-sidebar.component.html',
  styleUrl: './portal-sidebar.component.scss',
})
export class PortalSidebarComponent {
  private readonly store = inject(AuthStore);

  /** Emitted when an entry is followed, so an overlay drawer can close itself. */
  readonly navigated = output<void>();

  protected readonly groups = computed(() => navigationFor(this.store.user()?.role));
  protected readonly callsPath = APP_ROUTES.calls.path;
  /** Missed calls since Call history was last opened: a badge, and in the entry's accessible name. */
  protected readonly missed = inject(MissedCallsService).count;
  protected readonly missedLabel = computed(() => {
    const count = this.missed();
    return `${APP_ROUTES.calls.title}, ${count} missed call${count === 1 ? '' : 's'}`;
  });
}
