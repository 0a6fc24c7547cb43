import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { MAT_DIALOG_DATA } from '@angular/material/dialog';
import { provideRouter } from '@angular/router';
import type { Recording } from '@hh/contracts';
import { providePortalIcons } from '../../core/icons/portal-icons';
import { RECORDINGS_ENDPOINTS } from '../../shared/recordings/recordings-api.service';
import { aUser } from '../../testing/auth-fixtures';
import { aCall } from '../../testing/call-fixtures';
import { provideFakeLiveEvents } from '../../testing/live-events';
import { startTestSession } from '../../testing/session';
import { CallDetailDialogComponent, RECORDING_PROCESSING_POLL_MS } from './call-detail-dialog.component';
import { provideContactDirectory } from '../../testing/contacts';

const recording = (status: Recording['status']): Recording => ({
  id: 31,
  callId: 4,
  status,
  durationSeconds: status === 'completed' ? 30 : 0,
  sizeBytes: status === 'completed' ? 480_044 : 0,
  format: 'wav',
  createdAt: '2026-11-24T10:18:00.000Z',
  expiresAt: '2027-02-22T10:18:00.000Z',
});

describe('CallDetailDialogComponent recordings', () => {
  afterEach(() => jest.useRealTimers());

  it('reads the recordings again while one is processing, until it can be played', () => {
    jest.useFakeTimers();
    TestBed.configureTestingModule({
      imports: [CallDetailDialogComponent],
      providers: [
        provideContactDirectory(),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        providePortalIcons(),
        provideFakeLiveEvents(),
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
        { provide: MAT_DIALOG_DATA, useValue: { call: aCall({ id: 4, recorded: true }) } },
      ],
    });
    const http = TestBed.inject(HttpTestingController);
    startTestSession(aUser());
    const fixture = TestBed.createComponent(CallDetailDialogComponent);
    fixture.detectChanges();
    const element = fixture.nativeElement as HTMLElement;

    http.expectOne(RECORDINGS_ENDPOINTS.ofCall(4)).flush({ data: [recording('processing')] });
    fixture.detectChanges();
    expect(element.querySelector('[data-testid="recording-state"]')?.textContent).toContain('being processed');

    jest.advanceTimersByTime(RECORDING_PROCESSING_POLL_MS);
    http.expectOne(RECORDINGS_ENDPOINTS.ofCall(4)).flush({ data: [recording('completed')] });
    fixture.detectChanges();
    expect(element.querySelector('button[aria-label="Play recording"]')).not.toBeNull();

    jest.advanceTimersByTime(RECORDING_PROCESSING_POLL_MS * 3);
    http.expectNone(RECORDINGS_ENDPOINTS.ofCall(4)); // ready: no more polling
    http.verify();
  });
});
