import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { APP_ROUTES } from '@hh/contracts';
import { BrandMarkComponent } from '../../shared/ui/brand-mark.component';

/** The frame of the pages a mailed link opens (signed in or not): the brand, a heading and one glass card. */
@Component({
  selector: 'hh-public-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [BrandMarkComponent, RouterLink],
  template: `
    <main class="layout">
      <a class="brand" [routerLink]="home" aria-label="Hardhat Hosting VoIP portal home">
        <hh-brand-mark product="VoIP portal" />
      </a>
      <section class="glass-card card" [attr.aria-labelledby]="'public-card-heading'">
        <h1 id="public-card-heading">{{ heading() }}</h1>
        <ng-content />
      </section>
    </main>
  `,
  styles: `
    :host {
      display: block;
      min-height: 100dvh;
    }
    .layout {
      display: grid;
      justify-items: center;
      align-content: start;
      gap: 2rem;
      max-width: 30rem;
      margin: 0 auto;
      padding: clamp(2rem, 8vh, 5rem) 1rem 2rem;
    }
    .brand {
      display: inline-flex;
      color: inherit;
      text-decoration: none;
    }
    .card {
      width: 100%;
      box-sizing: border-box;
      padding: 1.75rem 1.5rem;
    }
    h1 {
      margin: 0 0 1rem;
      font: var(--mat-sys-headline-small);
      font-weight: 600;
    }
  `,
})
export class PublicCardComponent {
  readonly heading = input.required<string>();
  protected readonly home = APP_ROUTES.home.path;
}
