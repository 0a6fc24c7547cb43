import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';

/** The honest placeholder for a page whose feature ships in a later release. */
@Component({
  selector: 'hh-under-construction',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatIconModule],
  template: `
    <section class="glass-card placeholder" [attr.aria-labelledby]="headingId">
      <div class="icon-badge" aria-hidden="true"><mat-icon svgIcon="hh:build" /></div>
      <h1 [id]="headingId">{{ title() }}</h1>
      <p class="lead">This part of the portal is being built.</p>
      @if (description()) {
        <p class="muted">{{ description() }}</p>
      }
    </section>
  `,
  styles: `
    .placeholder {
      max-width: 40rem;
      margin: 2rem auto;
      padding: 2.5rem 2rem;
      text-align: center;
    }
    .icon-badge {
      display: inline-grid;
      place-items: center;
      width: 3.5rem;
      height: 3.5rem;
      border-radius: 1rem;
      margin-bottom: 1rem;
      color: var(--mat-sys-primary);
      background: color-mix(in srgb, var(--mat-sys-primary) 14%, transparent);
      border: 1px solid color-mix(in srgb, var(--mat-sys-primary) 30%, transparent);
    }
    h1 {
      margin: 0 0 0.5rem;
      font: var(--mat-sys-headline-small);
    }
    .lead {
      margin: 0;
      font: var(--mat-sys-body-large);
    }
    .muted {
      margin: 0.75rem 0 0;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class UnderConstructionComponent {
  private static nextId = 0;

  readonly title = input.required<string>();
  /** One sentence on what the page will do, so visitors know what is coming. */
  readonly description = input<string>('');

  protected readonly headingId = `hh-under-construction-${UnderConstructionComponent.nextId++}`;
}
