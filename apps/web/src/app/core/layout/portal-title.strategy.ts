import { inject, Injectable, signal } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { TitleStrategy, type RouterStateSnapshot } from '@angular/router';
import { APP_ROUTES } from '@hh/contracts';

export const PRODUCT_NAME = 'Hardhat Hosting VoIP';

/** "Dashboard" → "Dashboard · Hardhat Hosting VoIP"; the landing page (titled with the brand itself) is the product name alone. */
export function documentTitleFor(pageTitle: string | undefined): string {
  return pageTitle && pageTitle !== APP_ROUTES.home.title ? `${pageTitle} · ${PRODUCT_NAME}` : PRODUCT_NAME;
}

/**
 * Routes declare their `title` from APP_ROUTES; this strategy writes the document title and publishes the
 * page title as a signal, so the shell's header shows the same words without a second source of truth.
 */
@Injectable({ providedIn: 'root' })
export class PortalTitleStrategy extends TitleStrategy {
  private readonly title = inject(Title);
  private readonly currentPageTitle = signal('');
  readonly pageTitle = this.currentPageTitle.asReadonly();

  override updateTitle(snapshot: RouterStateSnapshot): void {
    const pageTitle = this.buildTitle(snapshot);
    this.currentPageTitle.set(pageTitle ?? '');
    this.title.setTitle(documentTitleFor(pageTitle));
  }
}
