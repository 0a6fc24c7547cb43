import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { ContactDirectoryEntry } from '@hh/contracts';
import { AuthStore } from '../../core/auth/auth-store.service';
import { aUser } from '../../testing/auth-fixtures';
import { startTestSession } from '../../testing/session';
import { ContactDirectoryStore } from './contact-directory.store';
import { ContactNamePipe } from './contact-name.pipe';
import { CONTACTS_ENDPOINTS } from './contacts-api.service';
import { PhonePartyComponent } from './phone-party.component';

const DANA: ContactDirectoryEntry = {
  phoneNumber: '+19095550142',
  label: 'mobile',
  contactId: 7,
  name: 'Dana Whitfield',
  company: 'Acme Roofing',
};

@Component({
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ContactNamePipe, PhonePartyComponent],
  template: `
    <span class="piped">{{ number() | contactName }}</span>
    <hh-phone-party [number]="number()" />
  `,
})
class HostComponent {
  readonly number = signal('+19095550142');
}

describe('contact names (ContactDirectoryStore, contactName pipe, hh-phone-party)', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
  });
  afterEach(() => http.verify());

  function render() {
    const fixture = TestBed.createComponent(HostComponent);
    fixture.detectChanges();
    const text = (selector: string) =>
      (fixture.nativeElement as HTMLElement).querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim();
    return { fixture, text };
  }

  it('shows numbers until the directory arrives, then the names, and numbers that are no contact as numbers', async () => {
    startTestSession(aUser({ id: 41 }));
    const { fixture, text } = render();
    TestBed.tick();
    expect(text('.piped')).toBe('(909) 555-0142');
    expect(text('hh-phone-party')).toBe('(909) 555-0142');

    http.expectOne(CONTACTS_ENDPOINTS.directory).flush([DANA]);
    await fixture.whenStable();
    fixture.detectChanges();
    expect(text('.piped')).toBe('Dana Whitfield');
    expect(text('hh-phone-party')).toBe('Dana Whitfield, (909) 555-0142');

    fixture.componentInstance.number.set('+15005550004');
    fixture.detectChanges();
    expect(text('.piped')).toBe('(500) 555-0004');
    expect(text('hh-phone-party')).toBe('(500) 555-0004');
  });

  it('reads the directory again after a change, and forgets it when the user signs out', async () => {
    startTestSession(aUser({ id: 42 }));
    const store = TestBed.inject(ContactDirectoryStore);
    TestBed.tick();
    http.expectOne(CONTACTS_ENDPOINTS.directory).flush([]);
    expect(store.nameFor('+19095550142')).toBeNull();

    store.refresh();
    http.expectOne(CONTACTS_ENDPOINTS.directory).flush([DANA]);
    expect(store.nameFor('(909) 555-0142')).toBe('Dana Whitfield');

    TestBed.inject(AuthStore).clearSession();
    TestBed.tick();
    expect(store.nameFor('+19095550142')).toBeNull();
    http.expectNone(CONTACTS_ENDPOINTS.directory);
  });

  it('keeps numbers as numbers when the directory cannot be read', () => {
    startTestSession(aUser({ id: 43 }));
    const store = TestBed.inject(ContactDirectoryStore);
    TestBed.tick();
    http.expectOne(CONTACTS_ENDPOINTS.directory).flush(null, { status: 500, statusText: 'Server Error' });
    expect(store.nameFor('+19095550142')).toBeNull();
    expect(TestBed.runInInjectionContext(() => new ContactNamePipe()).transform('+19095550142')).toBe('(909) 555-0142');
  });
});
