import { BreakpointObserver } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatSidenavModule } from '@angular/material/sidenav';
import { RouterOutlet } from '@angular/router';
import { map } from 'rxjs';
import { EmailVerificationBannerComponent } from '../../features/account-email/email-verification-banner.component';
import { MissedCallsService } from '../calls/missed-calls.service';
import { IncomingCallPanelComponent } from '../softphone/incoming-call-panel.component';
import { SoftphoneService } from '../softphone/softphone.service';
import { PortalHeaderComponent } from './portal-header.component';
import { PortalSidebarComponent } from './portal-sidebar.component';

/** Below this width the navigation becomes an overlay drawer opened from the header's menu button. */
export const COMPACT_LAYOUT_QUERY = '(max-width: 959.98px)';

/**
 * The frame of every signed-in page: header on top, navigation on the side, the page in the middle, and calls
 * ringing the browser softphone (sip mode) over it.
 */
@Component({
  selector: 'hh-shell-layout',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    EmailVerificationBannerComponent,
    IncomingCallPanelComponent,
    MatSidenavModule,
    PortalHeaderComponent,
    PortalSidebarComponent,
    RouterOutlet,
  ],
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

  constructor() {
    // The softphone lives as long as the session (it stops by itself on sign-out), so calls ring on every page.
    inject(SoftphoneService).enable();
    inject(MissedCallsService).enable();
  }

  protected toggleDrawer(): void {
    this.drawerOpen.update((open) => !open);
  }

  protected closeDrawer(): void {
    this.drawerOpen.set(false);
  }
}
