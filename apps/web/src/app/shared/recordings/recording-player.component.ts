import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  DOCUMENT,
  ElementRef,
  inject,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import type { Recording } from '@hh/contracts';
import { firstValueFrom } from 'rxjs';
import { formatClock } from '../format/duration';
import { httpErrorMessage } from '../http/http-error-message';
import { saveFile } from '../http/save-file';
import { confirmAction } from '../ui/confirm-dialog.component';
import { RecordingsApiService } from './recordings-api.service';

export const PLAYBACK_RATES = [1, 1.5, 2] as const;

/** "9.6 MB", "420 KB". */
export function formatBytes(bytes: number): string {
  if (bytes >= 1_000_000) {
    return `${(bytes / 1_000_000).toFixed(1)} MB`;
  }
  return `${Math.max(1, Math.round(bytes / 1000))} KB`;
}

const STATUS_TEXT: Record<Exclude<Recording['status'], 'completed'>, string> = {
  processing: 'The recording is being processed; it can be played in a moment.',
  failed: 'The recording failed: there is no audio for this call.',
  deleted: 'The recording was deleted.',
};

/**
 * One recording: play and pause, seek, speed, download and (for its owner) delete. The audio needs the session's
 * token, which an <audio src> cannot send, so it is fetched once as a Blob through HttpClient (at most ~9.6 MB) and
 * played from an object URL, released with the player. A recording that is not ready says why instead.
 */
@Component({
  selector: 'hh-recording-player',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, MatButtonModule, MatIconModule, MatProgressSpinnerModule],
  template: `
    @let r = recording();
    <section class="player" [attr.aria-label]="'Recording ' + r.id" data-testid="recording-player">
      @if (status() === 'completed') {
        <audio
          #audio
          preload="auto"
          (timeupdate)="onTime()"
          (loadedmetadata)="onTime()"
          (ended)="playing.set(false)"
          (pause)="playing.set(false)"
          (play)="playing.set(true)"
        ></audio>
        <div class="controls">
          <button
            mat-icon-button
            type="button"
            [attr.aria-label]="playing() ? 'Pause recording' : 'Play recording'"
            [disabled]="loading()"
            (click)="toggle()"
          >
            @if (loading()) {
              <mat-progress-spinner diameter="20" mode="indeterminate" aria-hidden="true" />
            } @else {
              <mat-icon [svgIcon]="playing() ? 'hh:pause' : 'hh:play'" aria-hidden="true" />
            }
          </button>
          <input
            class="seek"
            type="range"
            min="0"
            step="0.1"
            aria-label="Seek"
            [max]="duration()"
            [value]="position()"
            [attr.aria-valuetext]="clock(position()) + ' of ' + clock(duration())"
            (input)="seek($any($event.target).valueAsNumber)"
          />
          <span class="time muted" aria-hidden="true">{{ clock(position()) }} / {{ clock(duration()) }}</span>
        </div>
        <div class="actions">
          <div class="speeds" role="group" aria-label="Playback speed">
            @for (rate of rates; track rate) {
              <button
                mat-button
                type="button"
                class="speed"
                [class.on]="rate === speed()"
                [attr.aria-pressed]="rate === speed()"
                (click)="setSpeed(rate)"
              >
                {{ rate }}×
              </button>
            }
          </div>
          <span class="spacer"></span>
          <button mat-icon-button type="button" aria-label="Download recording" (click)="download()">
            <mat-icon svgIcon="hh:download" aria-hidden="true" />
          </button>
          @if (deletable()) {
            <button mat-icon-button type="button" aria-label="Delete recording" (click)="remove()">
              <mat-icon svgIcon="hh:delete" aria-hidden="true" />
            </button>
          }
        </div>
        <p class="meta muted">
          {{ clock(r.durationSeconds) }} · {{ size() }} · kept until {{ r.expiresAt | date: 'mediumDate' }}
        </p>
      } @else {
        <p class="state muted" data-testid="recording-state">{{ statusText() }}</p>
      }
      @if (error()) {
        <p class="error" role="alert">{{ error() }}</p>
      }
    </section>
  `,
  styles: `
    .player {
      display: grid;
      gap: 0.25rem;
    }
    .controls,
    .actions {
      display: flex;
      align-items: center;
      gap: 0.5rem;
    }
    .seek {
      flex: 1;
      min-width: 6rem;
      accent-color: var(--mat-sys-primary);
    }
    .time {
      font-variant-numeric: tabular-nums;
      font: var(--mat-sys-body-small);
    }
    .speed {
      min-width: 3rem;
    }
    .speed.on {
      background: color-mix(in srgb, var(--mat-sys-primary) 18%, transparent);
    }
    .spacer {
      flex: 1;
    }
    p {
      margin: 0;
      font: var(--mat-sys-body-small);
    }
    .error {
      color: var(--mat-sys-error);
    }
  `,
})
export class RecordingPlayerComponent {
  private readonly api = inject(RecordingsApiService);
  private readonly dialog = inject(MatDialog);
  private readonly document = inject(DOCUMENT);
  private readonly audio = viewChild<ElementRef<HTMLAudioElement>>('audio');

  readonly recording = input.required<Recording>();
  /** The owner may delete it (admins only listen). */
  readonly deletable = input(false);
  /** Emits the recording once deleted. */
  readonly deleted = output<Recording>();

  protected readonly rates = PLAYBACK_RATES;
  private readonly deletedHere = signal(false);
  protected readonly status = computed(() => (this.deletedHere() ? 'deleted' : this.recording().status));
  protected readonly statusText = computed(() => {
    const status = this.status();
    return status === 'completed' ? '' : STATUS_TEXT[status];
  });
  protected readonly size = computed(() => formatBytes(this.recording().sizeBytes));
  protected readonly loading = signal(false);
  protected readonly playing = signal(false);
  protected readonly speed = signal<number>(1);
  protected readonly position = signal(0);
  private readonly mediaDuration = signal<number | null>(null);
  /** The audio's own length once loaded, the recording's figure before. */
  protected readonly duration = computed(() => this.mediaDuration() ?? this.recording().durationSeconds);
  protected readonly error = signal<string | null>(null);

  private blob: Blob | null = null;
  private objectUrl: string | null = null;
  private fetching: Promise<Blob | null> | null = null;

  constructor() {
    inject(DestroyRef).onDestroy(() => {
      this.stopAudio();
      if (this.objectUrl) {
        URL.revokeObjectURL(this.objectUrl);
      }
    });
  }

  protected clock(seconds: number): string {
    return formatClock(seconds);
  }

  protected async toggle(): Promise<void> {
    const audio = this.audio()?.nativeElement;
    if (!audio) {
      return;
    }
    if (this.playing()) {
      audio.pause();
      this.playing.set(false);
      return;
    }
    if (!(await this.load(audio))) {
      return;
    }
    audio.playbackRate = this.speed();
    try {
      await audio.play();
      this.playing.set(true);
    } catch (error) {
      this.error.set(`The recording could not be played. ${error instanceof Error ? error.message : ''}`.trim());
    }
  }

  protected seek(seconds: number): void {
    if (!Number.isFinite(seconds)) {
      return;
    }
    this.position.set(seconds);
    const audio = this.audio()?.nativeElement;
    if (audio) {
      audio.currentTime = seconds;
    }
  }

  protected setSpeed(rate: number): void {
    this.speed.set(rate);
    const audio = this.audio()?.nativeElement;
    if (audio) {
      audio.playbackRate = rate;
    }
  }

  protected onTime(): void {
    const audio = this.audio()?.nativeElement;
    if (!audio) {
      return;
    }
    if (Number.isFinite(audio.duration) && audio.duration > 0) {
      this.mediaDuration.set(audio.duration);
    }
    this.position.set(audio.currentTime);
  }

  protected async download(): Promise<void> {
    const blob = await this.fetchBlob();
    if (blob) {
      saveFile(blob, `call-${this.recording().callId}.wav`, this.document);
    }
  }

  protected remove(): void {
    confirmAction(this.dialog, {
      title: 'Delete this recording?',
      message: 'The audio is deleted for good; the call itself stays in your history.',
      confirmLabel: 'Delete recording',
      dismissLabel: 'Keep recording',
    }).subscribe((confirmed) => {
      if (!confirmed) {
        return;
      }
      this.error.set(null);
      this.api.delete(this.recording().id).subscribe({
        next: () => {
          this.stopAudio();
          this.deletedHere.set(true);
          this.deleted.emit(this.recording());
        },
        error: (error: unknown) => this.error.set(`The recording could not be deleted. ${httpErrorMessage(error)}`),
      });
    });
  }

  private stopAudio(): void {
    const audio = this.audio()?.nativeElement;
    if (audio && !audio.paused) {
      audio.pause();
    }
  }

  /** Gives the audio element its source, fetched once. */
  private async load(audio: HTMLAudioElement): Promise<boolean> {
    if (this.objectUrl) {
      return true;
    }
    const blob = await this.fetchBlob();
    if (!blob) {
      return false;
    }
    this.objectUrl = URL.createObjectURL(blob);
    audio.src = this.objectUrl;
    return true;
  }

  private fetchBlob(): Promise<Blob | null> {
    if (this.blob) {
      return Promise.resolve(this.blob);
    }
    if (!this.fetching) {
      this.loading.set(true);
      this.error.set(null);
      this.fetching = firstValueFrom(this.api.media(this.recording().id))
        .then((blob) => (this.blob = blob))
        .catch((error: unknown) => {
          this.error.set(`The recording could not be loaded. ${httpErrorMessage(error)}`);
          return null;
        })
        .finally(() => {
          this.loading.set(false);
          this.fetching = null;
        });
    }
    return this.fetching;
  }
}
