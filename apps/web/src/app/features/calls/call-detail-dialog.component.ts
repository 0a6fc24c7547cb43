import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  inject,
  linkedSignal,
  output,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatSnackBar } from '@angular/material/snack-bar';
import { RouterLink } from '@angular/router';
import { APP_ROUTES, type Call, LIMITS, type Recording } from '@hh/contracts';
import { LiveEventsService } from '../../core/live-events/live-events.service';
import { ContactDirectoryStore } from '../../shared/contacts/contact-directory.store';
import { openContactEditor } from '../../shared/contacts/contact-editor-dialog.component';
import { PhonePartyComponent } from '../../shared/contacts/phone-party.component';
import { FormErrorBannerComponent } from '../../shared/forms/form-error-banner.component';
import { callStatusLabel, callStatusTone, isFinalCallStatus } from '../../shared/format/call-status';
import { formatClock, formatDuration } from '../../shared/format/duration';
import { formatCost } from '../../shared/format/money';
import { formatPhoneNumber } from '../../shared/format/phone';
import { httpErrorMessage } from '../../shared/http/http-error-message';
import { isNewerOrSame } from '../../shared/calls/call-list-updates';
import { CallsApiService } from '../../shared/calls/calls-api.service';
import { RecordingPlayerComponent } from '../../shared/recordings/recording-player.component';
import { RecordingsApiService } from '../../shared/recordings/recordings-api.service';

/** While a recording is being processed, the list is read again this often, so it becomes playable by itself. */
export const RECORDING_PROCESSING_POLL_MS = 5_000;

export interface CallDetailData {
  call: Call;
}

/** One call in full, with its notes editable; it follows the call live while it is open. */
@Component({
  selector: 'hh-call-detail-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DatePipe,
    FormErrorBannerComponent,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressSpinnerModule,
    PhonePartyComponent,
    RecordingPlayerComponent,
    RouterLink,
  ],
  template: `
    <h2 mat-dialog-title>Call details</h2>
    <mat-dialog-content>
      @let c = call();
      <dl class="fields">
        <div>
          <dt>Number</dt>
          <dd class="strong party">
            <hh-phone-party [number]="otherPartyNumber()" [fallback]="otherParty()" />
            @if (!contactName()) {
              <button mat-stroked-button type="button" class="add-contact" (click)="addToContacts()">
                Add to contacts
              </button>
            }
          </dd>
        </div>
        <div>
          <dt>Caller ID</dt>
          <dd>{{ callerId() }}</dd>
        </div>
        <div>
          <dt>Direction</dt>
          <dd>{{ c.direction === 'inbound' ? 'Inbound' : 'Outbound' }}</dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>
            <span class="status-pill call-pill" [class]="'tone-' + tone()">{{ statusLabel() }}</span>
          </dd>
        </div>
        <div>
          <dt>Started</dt>
          <dd>{{ c.startTime | date: 'medium' }}</dd>
        </div>
        <div>
          <dt>Ended</dt>
          <dd>{{ c.endTime ? (c.endTime | date: 'medium') : '—' }}</dd>
        </div>
        <div>
          <dt>Duration</dt>
          <dd>{{ duration() }}</dd>
        </div>
        <div>
          <dt>Cost</dt>
          <dd>{{ cost() }}</dd>
        </div>
        <div class="wide">
          <dt>Call SID</dt>
          <dd class="mono">{{ c.callSid ?? '—' }}</dd>
        </div>
        <div class="wide">
          <dt>Recording</dt>
          <dd class="recordings">
            @if (!c.recorded && !c.recordingUrl) {
              Not recorded
            } @else if (recordingsError(); as message) {
              <span role="alert">{{ message }}</span>
              <button mat-button type="button" (click)="loadRecordings()">Try again</button>
            } @else if (recordings() === null) {
              <span class="muted">Loading the recording…</span>
            } @else {
              @for (recording of recordings(); track recording.id) {
                <hh-recording-player [recording]="recording" [deletable]="true" />
              } @empty {
                <span class="muted">
                  {{
                    ended() ? 'The recording will appear here once it has been saved.' : 'This call is being recorded.'
                  }}
                </span>
              }
            }
          </dd>
        </div>
      </dl>

      <hh-form-error-banner [message]="saveError()" />
      <mat-form-field appearance="outline" class="notes">
        <mat-label>Notes</mat-label>
        <textarea
          matInput
          rows="4"
          [attr.maxlength]="notesMaxLength"
          [value]="notes()"
          (input)="editNotes($any($event.target).value)"
        ></textarea>
        <mat-hint align="end">{{ notes().length }} / {{ notesMaxLength }}</mat-hint>
      </mat-form-field>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <a mat-button [routerLink]="dialerRoute.path" [queryParams]="callBackParams()" mat-dialog-close>Call back</a>
      <button mat-button type="button" mat-dialog-close>Close</button>
      <button mat-flat-button type="button" [disabled]="saving() || !notesChanged()" (click)="saveNotes()">
        @if (saving()) {
          <mat-progress-spinner diameter="18" mode="indeterminate" aria-hidden="true" />
        }
        Save notes
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    .fields {
      display: grid;
      grid-template-columns: repeat(2, minmax(0, 1fr));
      gap: 0.875rem 1.5rem;
      margin: 0 0 1.25rem;
    }
    .wide {
      grid-column: 1 / -1;
    }
    dt {
      font: var(--mat-sys-label-medium);
      color: var(--mat-sys-on-surface-variant);
      margin-bottom: 0.125rem;
    }
    dd {
      margin: 0;
      overflow-wrap: anywhere;
    }
    .strong {
      font-weight: 600;
    }
    .party {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem 1rem;
    }
    .mono {
      font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
      font-size: 0.8125rem;
    }
    .notes {
      width: 100%;
    }
    .recordings {
      display: grid;
      gap: 0.75rem;
    }
  `,
})
export class CallDetailDialogComponent {
  private readonly api = inject(CallsApiService);
  private readonly snackBar = inject(MatSnackBar);

  /** Emits the call after its notes were saved. */
  readonly updated = output<Call>();

  protected readonly call = signal(inject<CallDetailData>(MAT_DIALOG_DATA).call);
  protected readonly notesMaxLength = LIMITS.textMaxLength;
  protected readonly dialerRoute = APP_ROUTES.dialer;

  /** The notes as edited; they follow the saved notes until the user starts typing. */
  private readonly notesEdited = signal(false);
  protected readonly notes = linkedSignal(() => this.call().notes ?? '');
  protected readonly notesChanged = computed(() => this.notes() !== (this.call().notes ?? ''));
  protected readonly saving = signal(false);
  protected readonly saveError = signal<string | null>(null);

  private readonly dialog = inject(MatDialog);
  private readonly directory = inject(ContactDirectoryStore);
  protected readonly otherPartyNumber = computed(() => {
    const call = this.call();
    return call.direction === 'inbound' ? call.fromNumber : call.toNumber;
  });
  /** The name of the contact holding the other party's number, or null (then "Add to contacts" is offered). */
  protected readonly contactName = computed(() => this.directory.lookup().nameFor(this.otherPartyNumber()));
  protected readonly otherParty = computed(() => {
    const call = this.call();
    return formatPhoneNumber(call.direction === 'inbound' ? call.fromNumber : call.toNumber);
  });
  protected readonly callerId = computed(() => {
    const call = this.call();
    return formatPhoneNumber(call.direction === 'inbound' ? call.toNumber : call.fromNumber);
  });
  protected readonly statusLabel = computed(() => callStatusLabel(this.call()));
  protected readonly tone = computed(() => callStatusTone(this.call().status));
  protected readonly duration = computed(() => {
    const call = this.call();
    if (!isFinalCallStatus(call.status) && call.durationSeconds === 0) {
      return 'In progress';
    }
    return `${formatClock(call.durationSeconds)} (${formatDuration(call.durationSeconds)})`;
  });
  protected readonly cost = computed(() => formatCost(this.call().cost));
  protected readonly ended = computed(() => isFinalCallStatus(this.call().status));
  /** The call's recordings; null while they are read. */
  protected readonly recordings = signal<Recording[] | null>(null);
  protected readonly recordingsError = signal<string | null>(null);
  private readonly recordingsApi = inject(RecordingsApiService);
  private readonly destroyRef = inject(DestroyRef);
  private processingPoll: ReturnType<typeof setTimeout> | null = null;
  protected readonly callBackParams = computed(() => {
    const call = this.call();
    return call.direction === 'inbound'
      ? { to: call.fromNumber, from: call.toNumber }
      : { to: call.toNumber, from: call.fromNumber };
  });

  constructor() {
    this.destroyRef.onDestroy(() => this.processingPoll !== null && clearTimeout(this.processingPoll));
    this.loadRecordings();
    inject(LiveEventsService)
      .callUpdates$.pipe(takeUntilDestroyed())
      .subscribe((update) => {
        const current = this.call();
        if (update.id === current.id && isNewerOrSame(update, current)) {
          const notes = this.notes();
          this.call.set(update);
          if (update.recordingUrl !== current.recordingUrl || update.status !== current.status) {
            this.loadRecordings(); // the recording was saved (or the call ended) meanwhile
          }
          if (this.notesEdited()) {
            this.notes.set(notes); // keep what the user is typing
          }
        }
      });
  }

  /** Reads the call's recordings when it is recorded. */
  protected loadRecordings(): void {
    const call = this.call();
    if (!call.recorded && !call.recordingUrl) {
      return;
    }
    this.recordingsError.set(null);
    this.recordingsApi
      .forCall(call.id)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (recordings) => {
          this.recordings.set(recordings);
          this.pollWhileProcessing(recordings);
        },
        error: (error: unknown) =>
          this.recordingsError.set(`The recording could not be loaded. ${httpErrorMessage(error)}`),
      });
  }

  /** No event tells when a recording is ready: while one is processing, the list is read again now and then. */
  private pollWhileProcessing(recordings: readonly Recording[]): void {
    if (this.processingPoll !== null) {
      clearTimeout(this.processingPoll);
      this.processingPoll = null;
    }
    if (recordings.some((recording) => recording.status === 'processing')) {
      this.processingPoll = setTimeout(() => {
        this.processingPoll = null;
        this.loadRecordings();
      }, RECORDING_PROCESSING_POLL_MS);
    }
  }

  /** Opens a new contact with this call's other number; once saved, the name shows wherever the number does. */
  protected addToContacts(): void {
    openContactEditor(this.dialog, { phoneNumber: this.otherPartyNumber() })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((saved) => {
        if (saved) {
          this.snackBar.open(`${saved.name} was added to your contacts.`, 'Dismiss', { duration: 4000 });
        }
      });
  }

  protected editNotes(text: string): void {
    this.notesEdited.set(true);
    this.notes.set(text);
  }

  protected saveNotes(): void {
    this.saving.set(true);
    this.saveError.set(null);
    this.api.updateNotes(this.call().id, this.notes()).subscribe({
      next: (call) => {
        this.saving.set(false);
        this.notesEdited.set(false);
        this.call.set(call);
        this.updated.emit(call);
        this.snackBar.open('Notes saved.', 'Dismiss', { duration: 4000 });
      },
      error: (error: unknown) => {
        this.saving.set(false);
        this.saveError.set(`The notes could not be saved. ${httpErrorMessage(error)}`);
      },
    });
  }
}
