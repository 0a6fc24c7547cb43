import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';

/** A form-level error (one that belongs to no single field), announced to screen readers as it appears. */
@Component({
  selector: 'hh-form-error-banner',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatIconModule],
  template: `
    @if (message(); as message) {
      <div class="banner" role="alert">
        <mat-icon svgIcon="hh:error" aria-hidden="true" />
        <span>{{ message }}</span>
      </div>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .banner {
      display: flex;
      align-items: flex-start;
      gap: 0.75rem;
      margin-bottom: 1rem;
      padding: 0.75rem 1rem;
      border-radius: 0.75rem;
      color: #fecaca;
      background: rgb(239 68 68 / 0.12);
      border: 1px solid rgb(239 68 68 / 0.4);
    }
    mat-icon {
      flex: none;
      color: var(--hh-danger);
    }
    span {
      padding-top: 0.125rem;
    }
  `,
})
export class FormErrorBannerComponent {
  readonly message = input<string | null>(null);
}
