import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, type TestRequest } from '@angular/common/http/testing';
import type { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { provideRouter } from '@angular/router';
import type { NumberRequest, PhoneNumber } from '@hh/contracts';
import { providePortalIcons } from '../../core/icons/portal-icons';
import { aProblem, aUser } from '../../testing/auth-fixtures';
import { FakeLiveEvents, provideFakeLiveEvents } from '../../testing/live-events';
import { aPage, aPhoneNumber } from '../../testing/call-fixtures';
import { startTestSession } from '../../testing/session';
import { MyNumbersPageComponent } from './my-numbers-page.component';
import { NUMBERS_ENDPOINTS } from '../../shared/numbers/numbers-api.service';

const MAIN_LINE = aPhoneNumber({
  id: 11,
  phoneNumber: '+19095550100',
  friendlyName: 'Main line',
  locationCity: 'Ontario',
  locationState: 'CA',
  locationCountry: 'US',
  numberType: 'local',
  monthlyCost: 1.5,
  assignedDate: '2026-11-20T18:00:00.000Z',
});
const TOLL_FREE = aPhoneNumber({
  id: 12,
  phoneNumber: '+18885550123',
  friendlyName: null,
  locationCity: null,
  locationState: null,
  locationCountry: 'US',
  numberType: 'toll_free',
  monthlyCost: 4,
});

function aRequestUpdate(overrides: Partial<NumberRequest> = {}): NumberRequest {
  return {
    id: 5,
    userId: 7,
    areaCode: '909',
    cityPreference: null,
    numberType: 'local',
    businessName: null,
    businessWebsite: null,
    reason: null,
    status: 'fulfilled',
    adminNotes: null,
    assignedNumberId: 13,
    createdAt: '2026-11-24T10:00:00.000Z',
    processedAt: '2026-11-24T11:00:00.000Z',
    ...overrides,
  };
}

describe('MyNumbersPageComponent', () => {
  let fixture: ComponentFixture<MyNumbersPageComponent>;
  let element: HTMLElement;
  let loader: HarnessLoader;
  let httpMock: HttpTestingController;
  let events: FakeLiveEvents;

  beforeEach(() => {
    events = new FakeLiveEvents();
    TestBed.configureTestingModule({
      imports: [MyNumbersPageComponent],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        providePortalIcons(),
        provideFakeLiveEvents(events),
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    httpMock = TestBed.inject(HttpTestingController);
    startTestSession(aUser());
    fixture = TestBed.createComponent(MyNumbersPageComponent);
    element = fixture.nativeElement as HTMLElement;
    loader = TestbedHarnessEnvironment.loader(fixture);
    fixture.detectChanges();
  });

  afterEach(() => httpMock.verify());

  const expectList = (): TestRequest =>
    httpMock.expectOne((request) => request.url === NUMBERS_ENDPOINTS.numbers && request.method === 'GET');

  async function show(numbers: PhoneNumber[]): Promise<void> {
    expectList().flush(aPage(numbers));
    await fixture.whenStable();
  }

  const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const card = (name: string) => {
    const found = Array.from(element.querySelectorAll('article')).find(
      (article) => text(element.querySelector(`#${article.getAttribute('aria-labelledby')}`)) === name,
    );
    if (!found) throw new Error(`No card for ${name}`);
    return found;
  };
  const details = (article: Element) =>
    Object.fromEntries(
      Array.from(article.querySelectorAll('dl > div')).map((row) => [
        text(row.querySelector('dt')),
        text(row.querySelector('dd')),
      ]),
    );
  const button = (name: string, within: Element = element) => {
    const found = Array.from(within.querySelectorAll('button')).find(
      (candidate) => (candidate.getAttribute('aria-label') ?? text(candidate)) === name,
    );
    if (!found) throw new Error(`No button named "${name}"`);
    return found;
  };
  const friendlyNameField = () => loader.getHarness(MatFormFieldHarness.with({ floatingLabelText: 'Friendly name' }));
  const friendlyNameInput = async () =>
    (await (await friendlyNameField()).getControl(MatInputHarness)) as MatInputHarness;

  async function rename(number: string, name: string): Promise<void> {
    button(`Rename ${number}`).click();
    await fixture.whenStable();
    await (await friendlyNameInput()).setValue(name);
    button('Save', card(number)).click();
    await fixture.whenStable();
  }

  it('says it is loading, then shows each number as a card', async () => {
    expect(text(element.querySelector('[role="status"]'))).toBe('Loading your numbers…');

    const request = expectList();
    expect(request.request.params.get('pageSize')).toBe('100');
    request.flush(aPage([MAIN_LINE, TOLL_FREE]));
    await fixture.whenStable();

    expect(element.querySelector('[role="status"]')).toBeNull();
    const main = card('(909) 555-0100');
    expect(text(main.querySelector('.friendly-name'))).toBe('Main line');
    expect(text(main.querySelector('.status-pill'))).toBe('Assigned');
    expect(main.querySelector('.status-pill')?.classList).toContain('tone-success');
    expect(details(main)).toEqual({
      Location: 'Ontario, CA, US',
      Type: 'Local',
      'Monthly cost': '$1.50',
      Assigned: 'Nov 20, 2026',
    });

    const tollFree = card('(888) 555-0123');
    expect(text(tollFree.querySelector('.friendly-name'))).toBe('No friendly name');
    expect(details(tollFree)).toMatchObject({ Location: 'US', Type: 'Toll-free', 'Monthly cost': '$4.00' });
  });

  it('links each card to the dialer with the number as caller ID, its + encoded', async () => {
    await show([MAIN_LINE]);

    const link = Array.from(card('(909) 555-0100').querySelectorAll('a')).find(
      (anchor) => text(anchor) === 'Call from this number',
    );
    expect(link?.getAttribute('href')).toBe('/voip/dialer?from=%2B19095550100');
  });

  it('invites a user without numbers to request one', async () => {
    await show([]);

    const empty = element.querySelector('.empty-state');
    expect(text(empty?.querySelector('h2'))).toBe('You have no numbers yet');
    const link = empty?.querySelector('a');
    expect(text(link)).toBe('Request a number');
    expect(link?.getAttribute('href')).toBe('/voip/request-number');
    expect(element.querySelector('article')).toBeNull();
  });

  it('explains a failed load and tries again on request', async () => {
    expectList().flush(aProblem(503, 'The database is unavailable'), { status: 503, statusText: 'Unavailable' });
    await fixture.whenStable();

    expect(text(element.querySelector('[role="alert"] p'))).toBe(
      'Something went wrong on our side. Please try again in a moment.',
    );
    button('Try again').click();
    await show([MAIN_LINE]);

    expect(element.querySelector('[role="alert"]')).toBeNull();
    expect(card('(909) 555-0100')).toBeTruthy();
  });

  describe('renaming in place', () => {
    beforeEach(() => show([MAIN_LINE, TOLL_FREE]));

    it('opens a focused field with the current name and saves the trimmed new one', async () => {
      button('Rename (909) 555-0100').click();
      await fixture.whenStable();

      const input = await friendlyNameInput();
      expect(await input.getValue()).toBe('Main line');
      expect(await input.isFocused()).toBe(true);

      await input.setValue('  Sales line ');
      button('Save', card('(909) 555-0100')).click();
      const request = httpMock.expectOne(NUMBERS_ENDPOINTS.number(11));
      expect(request.request.method).toBe('PATCH');
      expect(request.request.body).toEqual({ friendlyName: 'Sales line' });
      request.flush({ ...MAIN_LINE, friendlyName: 'Sales line' });
      await fixture.whenStable();

      const main = card('(909) 555-0100');
      expect(text(main.querySelector('.friendly-name'))).toBe('Sales line');
      expect(await loader.getAllHarnesses(MatFormFieldHarness)).toHaveLength(0);
      expect(document.activeElement).toBe(button('Rename (909) 555-0100'));
    });

    it('removes the name when the field is left blank', async () => {
      await rename('(909) 555-0100', '   ');

      const request = httpMock.expectOne(NUMBERS_ENDPOINTS.number(11));
      expect(request.request.body).toEqual({ friendlyName: null });
      request.flush({ ...MAIN_LINE, friendlyName: null });
      await fixture.whenStable();

      expect(text(card('(909) 555-0100').querySelector('.friendly-name'))).toBe('No friendly name');
    });

    it('refuses a name over 100 characters without asking the server', async () => {
      await rename('(909) 555-0100', 'x'.repeat(101));

      expect(await (await friendlyNameField()).getTextErrors()).toEqual([
        'Friendly name must be at most 100 characters.',
      ]);
      httpMock.expectNone(NUMBERS_ENDPOINTS.number(11));
    });

    it("shows the server's field error under the field", async () => {
      await rename('(888) 555-0123', 'Support');

      httpMock
        .expectOne(NUMBERS_ENDPOINTS.number(12))
        .flush(aProblem(400, 'Validation failed', [{ field: 'friendlyName', message: 'must be a string' }]), {
          status: 400,
          statusText: 'Bad Request',
        });
      await fixture.whenStable();

      expect(await (await friendlyNameField()).getTextErrors()).toEqual(['Friendly name must be a string.']);
    });

    it('explains a number that is no longer mine', async () => {
      await rename('(888) 555-0123', 'Support');

      httpMock
        .expectOne(NUMBERS_ENDPOINTS.number(12))
        .flush(aProblem(404, 'Phone number not found'), { status: 404, statusText: 'Not Found' });
      await fixture.whenStable();

      expect(text(card('(888) 555-0123').querySelector('[role="alert"]'))).toBe(
        'This number is no longer assigned to you. Reload the page to see your numbers.',
      );
    });

    it('leaves the name unchanged on Cancel and on Escape', async () => {
      button('Rename (909) 555-0100').click();
      await fixture.whenStable();
      await (await friendlyNameInput()).setValue('Changed my mind');
      button('Cancel', card('(909) 555-0100')).click();
      await fixture.whenStable();

      expect(text(card('(909) 555-0100').querySelector('.friendly-name'))).toBe('Main line');
      expect(document.activeElement).toBe(button('Rename (909) 555-0100'));

      button('Rename (909) 555-0100').click();
      await fixture.whenStable();
      const input = await friendlyNameInput();
      await input.setValue('Changed again');
      await (await input.host()).dispatchEvent('keydown', { key: 'Escape' });
      await fixture.whenStable();

      expect(await loader.getAllHarnesses(MatFormFieldHarness)).toHaveLength(0);
      httpMock.expectNone(NUMBERS_ENDPOINTS.number(11));
    });
  });

  describe('recording', () => {
    beforeEach(() =>
      show([
        { ...MAIN_LINE, recordCalls: false },
        { ...TOLL_FREE, recordCalls: true },
      ]),
    );

    const toggle = (number: string) =>
      card(number).querySelector<HTMLButtonElement>(
        '[data-testid="record-calls"] button[role="switch"]',
      ) as HTMLButtonElement;

    it('shows a Record calls switch per number, explaining that callers hear it', () => {
      expect(text(toggle('(909) 555-0100').closest('mat-slide-toggle'))).toBe('Record calls');
      expect(toggle('(909) 555-0100').getAttribute('aria-checked')).toBe('false');
      expect(toggle('(888) 555-0123').getAttribute('aria-checked')).toBe('true');
      const hint = element.querySelector(`#${toggle('(909) 555-0100').getAttribute('aria-describedby')}`);
      expect(text(hint)).toContain('callers hear that the call is recorded');
    });

    it('turns recording on with PATCH recordCalls', async () => {
      toggle('(909) 555-0100').click();
      const patch = httpMock.expectOne(NUMBERS_ENDPOINTS.number(11));
      expect(patch.request.method).toBe('PATCH');
      expect(patch.request.body).toEqual({ recordCalls: true });
      patch.flush({ ...MAIN_LINE, recordCalls: true });
      await fixture.whenStable();
      expect(toggle('(909) 555-0100').getAttribute('aria-checked')).toBe('true');
    });

    it('switches back and says why when the change is refused', async () => {
      toggle('(888) 555-0123').click();
      httpMock
        .expectOne(NUMBERS_ENDPOINTS.number(12))
        .flush(aProblem(404, 'Phone number not found'), { status: 404, statusText: 'Not Found' });
      await fixture.whenStable();
      expect(toggle('(888) 555-0123').getAttribute('aria-checked')).toBe('true');
      expect(text(card('(888) 555-0123').querySelector('[role="alert"]'))).toContain(
        'Recording could not be turned off.',
      );
    });
  });

  describe('live updates', () => {
    beforeEach(() => show([MAIN_LINE]));

    it('loads the list again when one of my requests is fulfilled, showing the new number', async () => {
      events.requestUpdates.next(aRequestUpdate({ status: 'fulfilled', assignedNumberId: 13 }));
      await show([MAIN_LINE, aPhoneNumber({ id: 13, phoneNumber: '+19095550142', friendlyName: null })]);

      expect(card('(909) 555-0142')).toBeTruthy();
    });

    it('ignores other request changes', async () => {
      events.requestUpdates.next(aRequestUpdate({ status: 'approved', assignedNumberId: null }));
      events.requestUpdates.next(aRequestUpdate({ status: 'denied', assignedNumberId: null }));
      await fixture.whenStable();

      httpMock.expectNone(NUMBERS_ENDPOINTS.numbers);
    });

    it('catches up after the live stream reconnects', async () => {
      events.reconnected.next();
      await show([]);

      expect(text(element.querySelector('.empty-state h2'))).toBe('You have no numbers yet');
    });
  });
});
