import { BreakpointObserver } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatSidenavModule } from '@angular/material/sidenav';
import { RouterOutlet } from '@angular/router';
import { map } from 'rxjs';
import { PortalHeaderComponent } from './portal-header.component';
import { PortalSidebarComponent } from './portal-sidebar.component';

/** Below this width the navigation becomes an overlay drawer opened from the header's menu button. */
export const COMPACT_LAYOUT_QUERY = '(max-width: 959.98px)';

/** The frame of every signed-in page: header on top, navigation on the side, the page in the middle. */
@Component({
  selector: 'hh-shell-layout',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatSidenavModule, PortalHeaderComponent, PortalSidebarComponent, RouterOutlet],
  templateUrl: './shell-layout.component.html',
  styleUrl: './shell-layout.component.scss',
})
export class ShellLayoutComponent {
  protected readonly compact = toSignal(
    inject(BreakpointObserver)
      .observe(COMPACT_LAYOUT_QUERY)
      .pipe(map((state) => state.matches)),
    { initialValue: false },
  );
  /** Whether the overlay drawer is open; on wide screens the side navigation is always shown. */
  protected readonly drawerOpen = signal(false);

  protected toggleDrawer(): void {
    this.drawerOpen.update((open) => !open);
  }

  protected closeDrawer(): void {
    this.drawerOpen.set(false);
  }
}
