import { ChangeDetectionStrategy, Component, computed, ElementRef, input, linkedSignal, output, viewChild } from '@angular/core';
import { MatAutocompleteModule, MatAutocompleteTrigger } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import type { ContactSuggestion } from '../../shared/contacts/contact-lookup';
import {
  dialableCharacters,
  DIAL_STRING_MAX_LENGTH,
  formatAsTyped,
  formatPhoneNumber,
} from '../../shared/format/phone';

const DIALABLE = /[0-9*#+]/;

/** The position in `formatted` just after its `count`-th dialable character (0 → before the first one). */
export function caretAfterDialables(formatted: string, count: number): number {
  if (count <= 0) {
    return 0;
  }
  let seen = 0;
  for (let index = 0; index < formatted.length; index++) {
    if (DIALABLE.test(formatted[index]) && ++seen === count) {
      return index + 1;
    }
  }
  return formatted.length;
}

/**
 * The dialled number, formatted as it is typed ("(909) 687-4971"). It is a real text field, so people can type,
 * paste (any format: "+1 909.687.4971" is fine) and edit in it; every edit is reduced to the dialable characters
 * and formatted again, with the caret kept after the same digit.
 */
@Component({
  selector: 'hh-number-display',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatAutocompleteModule, MatButtonModule, MatIconModule],
  template: `
    <div
      class="display"
      matAutocompleteOrigin
      #suggestionsOrigin="matAutocompleteOrigin"
      [class.invalid]="!!error()"
      [class.editable]="!readonly()"
    >
      <input
        #field
        class="number"
        [style.--chars]="formatted().length || 1"
        type="tel"
        inputmode="tel"
        autocomplete="off"
        spellcheck="false"
        aria-label="Phone number"
        placeholder="Enter a number"
        [attr.maxlength]="maxInputLength"
        [attr.aria-invalid]="!!error()"
        [attr.aria-describedby]="error() ? errorId() : null"
        [value]="formatted()"
        [readOnly]="readonly()"
        [matAutocomplete]="contactSuggestions"
        [matAutocompleteConnectedTo]="suggestionsOrigin"
        [matAutocompleteDisabled]="readonly()"
        (input)="onInput($event)"
        (keydown.enter)="onEnter($event)"
      />
      <!-- Contacts matching what is typed (a name, or digits of a number): picking one fills the number, never dials. -->
      <mat-autocomplete #contactSuggestions="matAutocomplete" (optionSelected)="pick($event.option.value)">
        @for (suggestion of suggestions(); track suggestion.contactId + suggestion.phoneNumber) {
          <mat-option [value]="suggestion.phoneNumber" data-testid="contact-suggestion">
            <span class="suggestion-name">{{ suggestion.name }}</span>
            <span class="suggestion-number">{{ suggestion.label }} · {{ formatNumber(suggestion.phoneNumber) }}</span>
          </mat-option>
        }
      </mat-autocomplete>
      @if (!readonly()) {
        <button
          mat-icon-button
          type="button"
          class="delete"
          aria-label="Delete digit"
          [disabled]="!value()"
          (click)="deleteDigit.emit()"
        >
          <mat-icon svgIcon="hh:backspace" aria-hidden="true" />
        </button>
      }
    </div>
  `,
  styles: `
    .display {
      container-type: inline-size;
      display: flex;
      align-items: center;
      gap: 0.25rem;
      padding: 0.25rem;
      border-bottom: 2px solid var(--hh-glass-border);
      transition: border-color 120ms ease;
    }
    /* Room on the left as wide as the delete button on the right, so that the number stays centred. */
    .display.editable {
      padding-left: 3rem;
    }
    .display:focus-within {
      border-color: var(--mat-sys-primary);
    }
    .display.invalid {
      border-color: var(--hh-danger);
    }
    .number {
      flex: 1;
      min-width: 0;
      padding: 0.5rem 0;
      border: 0;
      outline: none;
      background: transparent;
      color: var(--mat-sys-on-surface);
      font: inherit;
      /* The whole number always shows: the font shrinks to fit the field (tabular digits are about 0.62 em wide),
         between 1 rem and 2 rem. */
      font-size: clamp(1rem, calc((100cqi - 6.5rem) / (var(--chars) * 0.62)), 2rem);
      font-weight: 500;
      font-variant-numeric: tabular-nums;
      letter-spacing: 0.02em;
      text-align: center;
    }
    .number::placeholder {
      color: var(--mat-sys-on-surface-variant);
      font-size: 1.25rem;
      opacity: 0.7;
    }
    .suggestion-name {
      font-weight: 600;
      margin-right: 0.5rem;
    }
    .suggestion-number {
      color: var(--mat-sys-on-surface-variant);
      font-variant-numeric: tabular-nums;
    }
    .delete {
      flex: none;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class NumberDisplayComponent {
  /** The dial string: digits, * and #, with an optional leading +. */
  readonly value = input.required<string>();
  readonly error = input<string | null>(null);
  /** The id of the element that shows the error, for aria-describedby. */
  readonly errorId = input('');
  readonly readonly = input(false);
  readonly valueChange = output<string>();
  readonly deleteDigit = output<void>();
  /** Enter in the field: place the call. */
  readonly submitted = output<void>();
  /** Contacts to offer for what is typed (the dialer looks them up from `searchChange`). */
  readonly suggestions = input<readonly ContactSuggestion[]>([]);
  /** What is typed, letters included (a name), for the suggestions. */
  readonly searchChange = output<string>();

  /**
   * Letters typed to find a contact by name, shown as typed (the dial string stays empty) until a suggestion is
   * picked; a number arriving otherwise (keypad, paste, a link) ends it.
   */
  private readonly nameQuery = linkedSignal<string, string | null>({
    source: this.value,
    computation: (value, previous) => (value === '' ? (previous?.value ?? null) : null),
  });
  private readonly trigger = viewChild(MatAutocompleteTrigger);

  /** Room for the formatting characters around the longest dial string. */
  protected readonly maxInputLength = DIAL_STRING_MAX_LENGTH * 2;
  protected readonly formatted = computed(() => this.nameQuery() ?? formatAsTyped(this.value()));
  protected readonly formatNumber = formatPhoneNumber;
  private readonly field = viewChild.required<ElementRef<HTMLInputElement>>('field');

  /** Puts the keyboard in the field (after a call ends, so that the next number can be typed at once). */
  focus(): void {
    this.field().nativeElement.focus();
  }

  protected onEnter(event: Event): void {
    event.preventDefault();
    const trigger = this.trigger();
    if (trigger?.panelOpen && trigger.activeOption) {
      return; // Enter picks the highlighted contact (the autocomplete handles it); it does not place a call.
    }
    if (this.nameQuery() !== null) {
      return; // A name is no number to call.
    }
    this.submitted.emit();
  }

  /** A suggestion was picked: its number becomes the dial string (the call is still the person's to place). */
  protected pick(phoneNumber: string): void {
    this.nameQuery.set(null);
    const dialString = dialableCharacters(phoneNumber).slice(0, DIAL_STRING_MAX_LENGTH);
    this.valueChange.emit(dialString);
    this.searchChange.emit('');
  }

  protected onInput(event: Event): void {
    const field = event.target as HTMLInputElement;
    if (/\p{L}/u.test(field.value) && !/\d/.test(field.value)) {
      // Letters and no digit: a contact's name is being typed. It stays as typed, and the number is empty until a
      // suggestion is picked. (Letters among digits are dropped, as before.)
      this.nameQuery.set(field.value.slice(0, this.maxInputLength));
      this.searchChange.emit(field.value);
      if (this.value() !== '') {
        this.valueChange.emit('');
      }
      return;
    }
    this.nameQuery.set(null);
    const caret = field.selectionStart ?? field.value.length;
    let dialString = dialableCharacters(field.value);
    let dialablesBeforeCaret = dialableCharacters(field.value.slice(0, caret)).length;

    // Deleting a formatting character alone ("(909) 687-|4971" ← Backspace) would change nothing once formatted
    // again; delete the digit before it instead, as the person meant.
    const deleting = (event as InputEvent).inputType?.startsWith('delete') ?? false;
    if (deleting && dialString === this.value() && dialablesBeforeCaret > 0) {
      dialString = dialString.slice(0, dialablesBeforeCaret - 1) + dialString.slice(dialablesBeforeCaret);
      dialablesBeforeCaret--;
    }

    dialString = dialString.slice(0, DIAL_STRING_MAX_LENGTH);
    const formatted = formatAsTyped(dialString);
    // Written at once (not only through the binding, which skips a value it already holds), caret included.
    field.value = formatted;
    const position = caretAfterDialables(formatted, Math.min(dialablesBeforeCaret, dialString.length));
    if (field.ownerDocument.activeElement === field) {
      field.setSelectionRange(position, position);
    }
    if (dialString !== this.value()) {
      this.valueChange.emit(dialString);
    }
    this.searchChange.emit(dialString);
  }
}
