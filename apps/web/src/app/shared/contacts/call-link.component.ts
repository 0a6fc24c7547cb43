import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatTooltipModule } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';
import { APP_ROUTES } from '@hh/contracts';
import { formatPhoneNumber } from '../format/phone';
import { ContactDirectoryStore } from './contact-directory.store';

/** The dialer's address prefilled with a number (and a caller ID): what every click-to-call opens. */
export function dialerLinkParams(number: string, from?: string | null): Record<string, string> {
  return from ? { number, from } : { number };
}

/**
 * Click-to-call: a link that opens the dialer with the number filled in (/voip/dialer?number=…). It never dials by
 * itself; the person presses Call there. A click does not reach the row or card around it (which may open details).
 */
@Component({
  selector: 'hh-call-link',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatIconModule, MatTooltipModule, RouterLink],
  template: `
    <a
      mat-icon-button
      class="call-link"
      data-testid="call-link"
      [routerLink]="dialerPath"
      [queryParams]="params()"
      [attr.aria-label]="label()"
      [matTooltip]="label()"
      (click)="$event.stopPropagation()"
    >
      <mat-icon svgIcon="hh:phone" aria-hidden="true" />
    </a>
  `,
  styles: `
    :host {
      display: inline-flex;
    }
    .call-link {
      color: var(--mat-sys-primary);
    }
  `,
})
export class CallLinkComponent {
  private readonly directory = inject(ContactDirectoryStore);

  readonly number = input.required<string>();
  /** The caller ID to preselect (one of my numbers). */
  readonly from = input<string | null>(null);

  protected readonly dialerPath = APP_ROUTES.dialer.path;
  protected readonly params = computed(() => dialerLinkParams(this.number(), this.from()));
  protected readonly label = computed(
    () => `Call ${this.directory.lookup().nameFor(this.number()) ?? formatPhoneNumber(this.number())}`,
  );
}
