import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import type { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import type { ComponentFixture } from '@angular/core/testing';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import type { Recording } from '@hh/contracts';
import { providePortalIcons } from '../../core/icons/portal-icons';
import { tokenInterceptor } from '../../core/http/token.interceptor';
import { aUser } from '../../testing/auth-fixtures';
import { startTestSession } from '../../testing/session';
import { RecordingPlayerComponent } from './recording-player.component';
import { RECORDINGS_ENDPOINTS } from './recordings-api.service';

export function aRecording(overrides: Partial<Recording> = {}): Recording {
  return {
    id: 31,
    callId: 9,
    status: 'completed',
    durationSeconds: 95,
    sizeBytes: 1_520_044,
    format: 'wav',
    createdAt: '2026-11-24T10:18:00.000Z',
    expiresAt: '2027-02-22T10:18:00.000Z',
    ...overrides,
  };
}

describe('RecordingPlayerComponent', () => {
  let fixture: ComponentFixture<RecordingPlayerComponent>;
  let element: HTMLElement;
  let http: HttpTestingController;
  let rootLoader: HarnessLoader;
  let play: jest.SpyInstance;
  let pause: jest.SpyInstance;
  const createObjectURL = jest.fn(() => 'blob:recording-31');
  const revokeObjectURL = jest.fn();

  beforeEach(() => {
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    createObjectURL.mockClear();
    revokeObjectURL.mockClear();
    play = jest.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
    pause = jest.spyOn(HTMLMediaElement.prototype, 'pause').mockImplementation(() => undefined);
    TestBed.configureTestingModule({
      imports: [RecordingPlayerComponent],
      providers: [
        provideHttpClient(withInterceptors([tokenInterceptor])),
        provideHttpClientTesting(),
        providePortalIcons(),
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    startTestSession(aUser(), 'access-player');
  });

  afterEach(() => {
    http.verify();
    jest.restoreAllMocks();
  });

  function render(recording: Recording, deletable = true): void {
    fixture = TestBed.createComponent(RecordingPlayerComponent);
    fixture.componentRef.setInput('recording', recording);
    fixture.componentRef.setInput('deletable', deletable);
    fixture.detectChanges();
    element = fixture.nativeElement as HTMLElement;
    rootLoader = TestbedHarnessEnvironment.documentRootLoader(fixture);
  }

  const button = (name: string) => element.querySelector<HTMLButtonElement>(`button[aria-label="${name}"]`);
  const audio = () => element.querySelector('audio') as HTMLAudioElement;
  const seek = () => element.querySelector<HTMLInputElement>('input[aria-label="Seek"]') as HTMLInputElement;
  const speedButtons = () =>
    Array.from(element.querySelectorAll<HTMLButtonElement>('[role="group"][aria-label="Playback speed"] button'));

  it('fetches the audio once, with the session token, and plays it from an object URL', async () => {
    render(aRecording());
    button('Play recording')?.click();
    const media = http.expectOne(RECORDINGS_ENDPOINTS.media(31));
    expect(media.request.headers.get('Authorization')).toBe('Bearer access-player');
    expect(media.request.responseType).toBe('blob');
    media.flush(new Blob(['RIFF'], { type: 'audio/wav' }));
    await fixture.whenStable();
    fixture.detectChanges();

    expect(createObjectURL).toHaveBeenCalledTimes(1);
    expect(audio().src).toBe('blob:recording-31');
    expect(play).toHaveBeenCalled();
    expect(button('Pause recording')).not.toBeNull();

    button('Pause recording')?.click();
    fixture.detectChanges();
    expect(pause).toHaveBeenCalled();
    button('Play recording')?.click();
    await fixture.whenStable();
    http.expectNone(RECORDINGS_ENDPOINTS.media(31)); // fetched once

    fixture.destroy();
    expect(revokeObjectURL).toHaveBeenCalledWith('blob:recording-31');
  });

  it('seeks with the slider and plays at 1×, 1.5× or 2×', () => {
    render(aRecording());
    const input = seek();
    expect(input.max).toBe('95');
    let currentTime = 0;
    Object.defineProperty(audio(), 'currentTime', {
      get: () => currentTime,
      set: (value: number) => (currentTime = value),
      configurable: true,
    });
    input.value = '42';
    input.dispatchEvent(new Event('input'));
    fixture.detectChanges();
    expect(currentTime).toBe(42);
    expect(input.getAttribute('aria-valuetext')).toBe('0:42 of 1:35');

    expect(speedButtons().map((candidate) => candidate.textContent?.trim())).toEqual(['1×', '1.5×', '2×']);
    expect(speedButtons()[0].getAttribute('aria-pressed')).toBe('true');
    speedButtons()[1].click();
    fixture.detectChanges();
    expect(audio().playbackRate).toBe(1.5);
    expect(speedButtons()[1].getAttribute('aria-pressed')).toBe('true');
    expect(speedButtons()[0].getAttribute('aria-pressed')).toBe('false');
  });

  it('downloads the audio as call-<id>.wav', async () => {
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    render(aRecording());
    button('Download recording')?.click();
    http.expectOne(RECORDINGS_ENDPOINTS.media(31)).flush(new Blob(['RIFF'], { type: 'audio/wav' }));
    await fixture.whenStable();
    expect(click).toHaveBeenCalledTimes(1);
    expect((click.mock.contexts[0] as HTMLAnchorElement).download).toBe('call-9.wav');
  });

  it('deletes only once confirmed', async () => {
    render(aRecording());
    const deleted = jest.fn();
    fixture.componentRef.instance.deleted.subscribe(deleted);

    button('Delete recording')?.click();
    await fixture.whenStable();
    let dialog = await rootLoader.getHarness(MatDialogHarness);
    expect(await dialog.getTitleText()).toBe('Delete this recording?');
    await (await dialog.getHarness(MatButtonHarness.with({ text: 'Keep recording' }))).click();
    await fixture.whenStable();
    http.expectNone(RECORDINGS_ENDPOINTS.recording(31));

    button('Delete recording')?.click();
    await fixture.whenStable();
    dialog = await rootLoader.getHarness(MatDialogHarness);
    await (await dialog.getHarness(MatButtonHarness.with({ text: 'Delete recording' }))).click();
    await fixture.whenStable();
    const request = http.expectOne(RECORDINGS_ENDPOINTS.recording(31));
    expect(request.request.method).toBe('DELETE');
    request.flush(null, { status: 204, statusText: 'No Content' });
    fixture.detectChanges();

    expect(deleted).toHaveBeenCalledWith(expect.objectContaining({ id: 31 }));
    expect(element.querySelector('[data-testid="recording-state"]')?.textContent?.trim()).toBe(
      'The recording was deleted.',
    );
    expect(button('Play recording')).toBeNull();
  });

  it('offers no delete to someone who may only listen', () => {
    render(aRecording(), false);
    expect(button('Delete recording')).toBeNull();
    expect(button('Download recording')).not.toBeNull();
  });

  it.each([
    ['processing', 'The recording is being processed; it can be played in a moment.'],
    ['failed', 'The recording failed: there is no audio for this call.'],
    ['deleted', 'The recording was deleted.'],
  ] as const)('says when it is %s instead of offering the player', (status, words) => {
    render(aRecording({ status }));
    expect(element.querySelector('[data-testid="recording-state"]')?.textContent?.trim()).toBe(words);
    expect(button('Play recording')).toBeNull();
  });
});
