import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';

export interface DialPadKey {
  digit: string;
  letters: string;
}

/** The twelve keys of a telephone keypad (ITU E.161 letters). */
export const DIAL_PAD_KEYS: readonly DialPadKey[] = [
  { digit: '1', letters: '' },
  { digit: '2', letters: 'ABC' },
  { digit: '3', letters: 'DEF' },
  { digit: '4', letters: 'GHI' },
  { digit: '5', letters: 'JKL' },
  { digit: '6', letters: 'MNO' },
  { digit: '7', letters: 'PQRS' },
  { digit: '8', letters: 'TUV' },
  { digit: '9', letters: 'WXYZ' },
  { digit: '*', letters: '' },
  { digit: '0', letters: '+' },
  { digit: '#', letters: '' },
];

/**
 * A 3×4 dial pad. Each key is named by its bare digit ("1" … "9", "*", "0", "#"); the letters are decoration for
 * sighted users and hidden from assistive technology, so that a screen reader says "5, button", not "5 JKL". The
 * letters are CSS-generated content, so the visible text is only the digit and matches the name (WCAG 2.5.3).
 */
@Component({
  selector: 'hh-dial-pad',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="pad" role="group" [attr.aria-label]="label()">
      @for (key of keys; track key.digit) {
        <button
          type="button"
          class="key"
          [class.compact]="compact()"
          [attr.aria-label]="key.digit"
          [disabled]="disabled()"
          (click)="pressed.emit(key.digit)"
        >
          <span class="digit" aria-hidden="true">{{ key.digit }}</span>
          @if (!compact()) {
            <!-- Drawn by CSS from the attribute: decoration that stays out of the key's name ("5", not "5 JKL"). -->
            <span class="letters" aria-hidden="true" [attr.data-letters]="key.letters"></span>
          }
        </button>
      }
    </div>
  `,
  styles: `
    :host {
      display: block;
    }
    .pad {
      display: grid;
      grid-template-columns: repeat(3, auto);
      justify-content: center;
      gap: 0.875rem 1.25rem;
    }
    .key {
      display: flex;
      flex-direction: column;
      align-items: center;
      justify-content: center;
      width: 4.25rem;
      height: 4.25rem;
      padding: 0;
      border-radius: 50%;
      border: 1px solid var(--hh-glass-border);
      background: rgb(148 163 184 / 0.1);
      color: var(--mat-sys-on-surface);
      font: inherit;
      cursor: pointer;
      transition:
        background-color 120ms ease,
        transform 80ms ease;
    }
    .letters::after {
      content: attr(data-letters);
    }
    .key.compact {
      width: 3.25rem;
      height: 3.25rem;
    }
    .key:hover:not(:disabled) {
      background: rgb(148 163 184 / 0.2);
    }
    .key:active:not(:disabled) {
      transform: scale(0.95);
      background: color-mix(in srgb, var(--mat-sys-primary) 28%, transparent);
    }
    .key:disabled {
      opacity: 0.45;
      cursor: default;
    }
    .digit {
      font-size: 1.5rem;
      line-height: 1.1;
      font-weight: 500;
    }
    .letters {
      min-height: 0.875rem;
      font-size: 0.625rem;
      letter-spacing: 0.12em;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class DialPadComponent {
  /** The group's accessible name, e.g. "Keypad". */
  readonly label = input('Keypad');
  readonly disabled = input(false);
  /** Smaller keys without letters (the in-call keypad). */
  readonly compact = input(false);
  readonly pressed = output<string>();

  protected readonly keys = DIAL_PAD_KEYS;
}
