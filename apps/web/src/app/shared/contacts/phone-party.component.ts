import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { formatPhoneNumber } from '../format/phone';
import { ContactDirectoryStore } from './contact-directory.store';

/**
 * A number as people want to see it: the contact's name with the number below it when the number is one of my
 * contacts', else the number alone (formatted). One piece for every list and card that shows a number.
 */
@Component({
  selector: 'hh-phone-party',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (name(); as name) {
      <span class="name" data-testid="contact-name">{{ name }}</span>
      <span class="visually-hidden">, </span>
      <span class="number muted">{{ formatted() }}</span>
    } @else {
      <span class="name number-only">{{ formatted() || fallback() }}</span>
    }
  `,
  styles: `
    :host {
      display: inline-flex;
      flex-direction: column;
      min-width: 0;
    }
    .name {
      font-weight: 600;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .number-only {
      font-variant-numeric: tabular-nums;
    }
    .number {
      font: var(--mat-sys-body-small);
      font-variant-numeric: tabular-nums;
    }
  `,
})
export class PhonePartyComponent {
  private readonly directory = inject(ContactDirectoryStore);

  /** The number (E.164, or as received). */
  readonly number = input.required<string | null | undefined>();
  /** What to show without a number ("Unknown caller"). */
  readonly fallback = input('');

  protected readonly name = computed(() => this.directory.lookup().nameFor(this.number()));
  protected readonly formatted = computed(() => formatPhoneNumber(this.number()));
}
