import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, type TestRequest } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { provideRouter, Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { AdminRecording } from '@hh/contracts';
import { providePortalIcons } from '../../../core/icons/portal-icons';
import { aUser } from '../../../testing/auth-fixtures';
import { aPage } from '../../../testing/call-fixtures';
import { provideFakeLiveEvents } from '../../../testing/live-events';
import { startTestSession } from '../../../testing/session';
import { RECORDINGS_ENDPOINTS } from '../../../shared/recordings/recordings-api.service';
import { AdminRecordingsPageComponent } from './admin-recordings-page.component';

function aRecording(overrides: Partial<AdminRecording> = {}): AdminRecording {
  return {
    id: 31,
    callId: 9,
    status: 'completed',
    durationSeconds: 95,
    sizeBytes: 1_520_044,
    format: 'wav',
    createdAt: '2026-11-24T10:18:00.000Z',
    expiresAt: '2027-02-22T10:18:00.000Z',
    userId: 3,
    user: { id: 3, name: 'Cleo Client', email: 'cleo@example.com' },
    ...overrides,
  };
}

describe('AdminRecordingsPageComponent', () => {
  let harness: RouterTestingHarness;
  let httpMock: HttpTestingController;

  beforeEach(async () => {
    jest.spyOn(HTMLMediaElement.prototype, 'pause').mockImplementation(() => undefined);
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([{ path: 'voip/admin/recordings', component: AdminRecordingsPageComponent }]),
        providePortalIcons(),
        provideFakeLiveEvents(),
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    httpMock = TestBed.inject(HttpTestingController);
    startTestSession(aUser({ id: 1, role: 'admin' }));
    harness = await RouterTestingHarness.create();
  });

  afterEach(() => httpMock.verify());

  const element = () => harness.routeNativeElement as HTMLElement;
  const url = () => TestBed.inject(Router).url;
  const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim();
  const rows = () => Array.from(element().querySelectorAll('table[aria-label="Recordings"] tr.mat-mdc-row'));

  async function visit(path: string, recordings = [aRecording()], total = recordings.length): Promise<TestRequest> {
    await harness.navigateByUrl(path);
    const request = httpMock.expectOne((r) => r.url === RECORDINGS_ENDPOINTS.admin);
    request.flush(aPage(recordings, 1, Number(request.request.params.get('pageSize')), total));
    await harness.fixture.whenStable();
    return request;
  }

  it('asks the server for the page and filters the URL says', async () => {
    const request = await visit('/voip/admin/recordings?userId=3&from=2026-11-01&to=2026-11-30&page=2');
    const params = request.request.params;
    expect(params.get('userId')).toBe('3');
    expect(params.get('from')).toBe(new Date(2026, 10, 1).toISOString());
    expect(params.get('to')).toBe(new Date(2026, 10, 30, 23, 59, 59, 999).toISOString());
    expect(params.get('page')).toBe('2');
  });

  it('lists each recording with its user, call, duration, size, created and expiry', async () => {
    await visit('/voip/admin/recordings', [
      aRecording(),
      aRecording({ id: 32, callId: 10, status: 'processing', durationSeconds: 0, sizeBytes: 0 }),
    ]);
    const cells = (row: Element) => Array.from(row.querySelectorAll('td')).map((cell) => text(cell));
    const [ready, processing] = rows();
    expect(cells(ready).slice(1, 6)).toEqual(['Cleo Client cleo@example.com', '#9', '1:35', '1.5 MB', 'Feb 22, 2027']);
    expect(ready.querySelector('button[aria-label="Listen to recording 31"]')).not.toBeNull();
    expect(cells(processing)[6]).toBe('Processing');
    expect(processing.querySelector('button')).toBeNull();
  });

  it('filters by user through the URL, from page 1', async () => {
    await visit('/voip/admin/recordings?page=2');
    const userId = element().querySelector<HTMLInputElement>('[aria-label="Filter recordings"] input[type="number"]');
    if (!userId) throw new Error('No user id filter');
    userId.value = '3';
    userId.dispatchEvent(new Event('change'));
    await harness.fixture.whenStable();
    expect(url()).toBe('/voip/admin/recordings?userId=3');
    httpMock.expectOne((r) => r.url === RECORDINGS_ENDPOINTS.admin).flush(aPage([]));
    await harness.fixture.whenStable();
    expect(element().textContent).toContain('No recordings match these filters');
  });

  it('plays a recording in the shared player, without delete', async () => {
    await visit('/voip/admin/recordings');
    rows()[0].querySelector<HTMLButtonElement>('button[aria-label="Listen to recording 31"]')?.click();
    await harness.fixture.whenStable();
    const player = element().querySelector('[data-testid="recording-player"]');
    expect(player).not.toBeNull();
    expect(player?.querySelector('button[aria-label="Play recording"]')).not.toBeNull();
    expect(player?.querySelector('button[aria-label="Download recording"]')).not.toBeNull();
    expect(player?.querySelector('button[aria-label="Delete recording"]')).toBeNull();
  });
});
