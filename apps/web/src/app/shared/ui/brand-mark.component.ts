import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** The Hardhat Hosting hard hat and word mark. Decorative: the link or heading around it carries the name. */
@Component({
  selector: 'hh-brand-mark',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <svg class="hat" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <defs>
        <linearGradient id="hh-hat-gradient" x1="0" y1="0" x2="1" y2="1">
          <stop offset="0" stop-color="#fbbf24" />
          <stop offset="1" stop-color="#f97316" />
        </linearGradient>
      </defs>
      <path
        fill="url(#hh-hat-gradient)"
        d="M16 6c-5.6 0-10.2 4.3-10.6 9.8l-.1 4.2h21.4l-.1-4.2C26.2 10.3 21.6 6 16 6zm-1.6 1.9h3.2v7.6h-3.2z"
      />
      <rect x="2.5" y="20.5" width="27" height="4.5" rx="2.25" fill="url(#hh-hat-gradient)" />
      <rect x="14.4" y="7.9" width="3.2" height="7.6" rx="1" fill="#0f172a" opacity="0.35" />
    </svg>
    @if (showName()) {
      <span class="name">
        <span class="company">Hardhat Hosting</span>
        <!-- A space, so that the name reads "Hardhat Hosting VoIP portal", as the links around it say. -->
        {{ ' ' }}
        @if (product()) {
          <span class="product">{{ product() }}</span>
        }
      </span>
    }
  `,
  styles: `
    :host {
      display: inline-flex;
      align-items: center;
      gap: 0.625rem;
      color: inherit;
    }
    .hat {
      width: 2rem;
      height: 2rem;
      flex: none;
      filter: drop-shadow(0 2px 8px rgb(249 115 22 / 0.35));
    }
    .name {
      display: flex;
      flex-direction: column;
      line-height: 1.1;
    }
    .company {
      font-weight: 700;
      letter-spacing: -0.01em;
      font-size: 1.0625rem;
    }
    .product {
      font-size: 0.6875rem;
      font-weight: 600;
      letter-spacing: 0.14em;
      text-transform: uppercase;
      color: var(--mat-sys-primary);
    }
  `,
})
export class BrandMarkComponent {
  readonly showName = input(true);
  /** A small line under the company name, e.g. "VoIP portal". */
  readonly product = input<string>('');
}
