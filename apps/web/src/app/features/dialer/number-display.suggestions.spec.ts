import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { providePortalIcons } from '../../core/icons/portal-icons';
import { ContactLookup } from '../../shared/contacts/contact-lookup';
import { NumberDisplayComponent } from './number-display.component';

const LOOKUP = new ContactLookup([
  { contactId: 1, name: 'Dana Whitfield', company: null, label: 'mobile', phoneNumber: '+19095550142' },
]);

@Component({
  imports: [NumberDisplayComponent],
  template: `<hh-number-display
    [value]="value()"
    [suggestions]="suggestions()"
    (valueChange)="value.set($event)"
    (searchChange)="search.set($event)"
    (submitted)="submitted = true"
  />`,
})
class HostComponent {
  readonly value = signal('');
  readonly search = signal('');
  readonly suggestions = () => LOOKUP.suggest(this.search());
  submitted = false;
}

/** The dialer's number field suggests contacts (mat-autocomplete): a name or digits find them; a pick only fills in. */
describe('NumberDisplayComponent contact suggestions', () => {
  function render() {
    TestBed.configureTestingModule({
      imports: [HostComponent],
      providers: [providePortalIcons(), provideNoopAnimations()],
    });
    const fixture = TestBed.createComponent(HostComponent);
    document.body.appendChild(fixture.nativeElement);
    fixture.detectChanges();
    const field = (fixture.nativeElement as HTMLElement).querySelector('input') as HTMLInputElement;
    return { fixture, field };
  }

  function type(field: HTMLInputElement, value: string): void {
    field.value = value;
    field.focus();
    field.dispatchEvent(new InputEvent('input', { inputType: 'insertText' }));
  }

  const options = () => Array.from(document.querySelectorAll('mat-option')).map((o) => o.textContent?.trim());

  it('keeps letters as a search for a name, with no number to call and Enter calling nothing', async () => {
    const { fixture, field } = render();
    type(field, 'dan');
    fixture.detectChanges();
    await fixture.whenStable();
    fixture.detectChanges();

    expect(fixture.componentInstance.search()).toBe('dan');
    expect(fixture.componentInstance.value()).toBe('');
    expect(field.value).toBe('dan');
    expect(options()).toEqual([expect.stringContaining('Dana Whitfield')]);

    field.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    expect(fixture.componentInstance.submitted).toBe(false);
  });

  it('fills the number of the contact picked, and dials nothing', async () => {
    const { fixture, field } = render();
    type(field, '909555');
    fixture.detectChanges();
    await fixture.whenStable();
    fixture.detectChanges();
    expect(fixture.componentInstance.value()).toBe('909555');
    const option = document.querySelector('mat-option') as HTMLElement;
    option.click();
    fixture.detectChanges();

    expect(fixture.componentInstance.value()).toBe('+19095550142');
    expect(field.value).toBe('+1 909 555 0142');
    expect(fixture.componentInstance.submitted).toBe(false);
  });

  it('drops letters typed among digits, as before', () => {
    const { fixture, field } = render();
    type(field, '909x');
    fixture.detectChanges();
    expect(fixture.componentInstance.value()).toBe('909');
    expect(field.value).toBe('(909)');
  });
});
