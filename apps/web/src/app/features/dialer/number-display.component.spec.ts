import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { providePortalIcons } from '../../core/icons/portal-icons';
import { caretAfterDialables, NumberDisplayComponent } from './number-display.component';

@Component({
  imports: [NumberDisplayComponent],
  template: `<hh-number-display [value]="value()" (valueChange)="value.set($event)" (submitted)="submitted = true" />`,
})
class HostComponent {
  readonly value = signal('9096874971');
  submitted = false;
}

describe('NumberDisplayComponent', () => {
  function render() {
    TestBed.configureTestingModule({ imports: [HostComponent], providers: [providePortalIcons()] });
    const fixture = TestBed.createComponent(HostComponent);
    fixture.detectChanges();
    const field = (fixture.nativeElement as HTMLElement).querySelector('input') as HTMLInputElement;
    document.body.appendChild(fixture.nativeElement);
    return { fixture, field };
  }

  function edit(field: HTMLInputElement, value: string, caret: number, inputType: string): void {
    field.value = value;
    field.focus();
    field.setSelectionRange(caret, caret);
    field.dispatchEvent(new InputEvent('input', { inputType }));
  }

  it('finds the caret position after a number of dialable characters', () => {
    expect(caretAfterDialables('(909) 687-4971', 0)).toBe(0);
    expect(caretAfterDialables('(909) 687-4971', 3)).toBe(4);
    expect(caretAfterDialables('(909) 687-4971', 4)).toBe(7);
    expect(caretAfterDialables('(909) 687-4971', 99)).toBe(14);
  });

  it('deletes the digit before a formatting character that Backspace removed alone', () => {
    const { fixture, field } = render();
    expect(field.value).toBe('(909) 687-4971');

    // "(909) 687-|4971" with Backspace removes the "-": the 7 before it goes instead.
    edit(field, '(909) 6874971', 9, 'deleteContentBackward');
    fixture.detectChanges();

    expect(fixture.componentInstance.value()).toBe('909684971');
    expect(field.value).toBe('(909) 684-971');
    expect(field.selectionStart).toBe(caretAfterDialables(field.value, 5));
  });

  it('keeps the caret after the same digit when typing in the middle', () => {
    const { fixture, field } = render();
    edit(field, '(9019) 687-4971', 3, 'insertText');
    fixture.detectChanges();

    expect(fixture.componentInstance.value()).toBe('90196874971');
    expect(field.selectionStart).toBe(caretAfterDialables(field.value, 2));
  });

  it('drops characters a phone cannot dial and asks to call on Enter', () => {
    const { fixture, field } = render();
    edit(field, '(909) 687-4971x', 15, 'insertText');
    expect(field.value).toBe('(909) 687-4971');

    field.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    expect(fixture.componentInstance.submitted).toBe(true);
  });
});
