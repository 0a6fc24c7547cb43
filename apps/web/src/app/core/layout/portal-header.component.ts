import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDividerModule } from '@angular/material/divider';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { MatToolbarModule } from '@angular/material/toolbar';
import { Router, RouterLink } from '@angular/router';
import { APP_ROUTES } from '@hh/contracts';
import { BrandMarkComponent } from '../../shared/ui/brand-mark.component';
import { AuthStore } from '../auth/auth-store.service';
import { PortalTitleStrategy } from './portal-title.strategy';

/** Initials for the avatar: "Jane Doe" → "JD", "cher" → "C". */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0][0], words[words.length - 1][0]] : [words[0]?.[0] ?? '?'];
  return letters.join('').toUpperCase();
}

@Component({
  selector: 'hh-portal-header',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    BrandMarkComponent,
    MatButtonModule,
    MatDividerModule,
    MatIconModule,
    MatMenuModule,
    MatToolbarModule,
    RouterLink,
  ],
  templateUrl: './portal-header.component.html',
  styleUrl: './portal-header.component.scss',
})
export class PortalHeaderComponent {
  private readonly store = inject(AuthStore);
  private readonly router = inject(Router);
  private readonly titles = inject(PortalTitleStrategy);

  /** Shown on small screens, where the navigation is an overlay drawer. */
  readonly showMenuButton = input(false);
  readonly navigationOpen = input(false);
  readonly menuToggled = output<void>();

  protected readonly user = this.store.user;
  protected readonly pageTitle = this.titles.pageTitle;
  protected readonly initials = computed(() => initialsOf(this.user()?.name ?? ''));
  protected readonly homePath = this.store.homePath;
  protected readonly settingsRoute = APP_ROUTES.settings;

  protected signOut(): void {
    this.store.signOut().subscribe(() => void this.router.navigateByUrl(APP_ROUTES.auth.path));
  }
}
