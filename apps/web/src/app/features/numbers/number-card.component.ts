import { DatePipe } from '@angular/common';
import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  Injector,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { type MatSlideToggleChange, MatSlideToggleModule } from '@angular/material/slide-toggle';
import { RouterLink } from '@angular/router';
import { APP_ROUTES, type PhoneNumber } from '@hh/contracts';
import { formatCost } from '../../shared/format/money';
import { formatPhoneNumber } from '../../shared/format/phone';
import {
  NUMBER_STATUS_LABELS,
  NUMBER_TYPE_LABELS,
  numberLocation,
  numberStatusTone,
} from '../../shared/format/phone-number-labels';
import { httpErrorMessage } from '../../shared/http/http-error-message';
import { NumbersApiService } from '../../shared/numbers/numbers-api.service';
import { RenameNumberFormComponent } from './rename-number-form.component';

let nextCardId = 0;

/** One of my numbers as a glass card: its details, its friendly name (renamed in place) and a way to call from it. */
@Component({
  selector: 'hh-number-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, MatButtonModule, MatIconModule, MatSlideToggleModule, RenameNumberFormComponent, RouterLink],
  templateUrl: './number-card.component.html',
  styleUrl: './number-card.component.scss',
})
export class NumberCardComponent {
  private readonly injector = inject(Injector);
  private readonly renameButton = viewChild('renameButton', { read: ElementRef<HTMLButtonElement> });

  readonly number = input.required<PhoneNumber>();
  /** The number as the API returned it after a rename. */
  readonly renamed = output<PhoneNumber>();
  /** The number as the API returned it after another change (Record calls). */
  readonly updated = output<PhoneNumber>();

  protected readonly headingId = `number-card-${nextCardId++}`;
  protected readonly dialerPath = APP_ROUTES.dialer.path;
  protected readonly editing = signal(false);

  protected readonly formatted = computed(() => formatPhoneNumber(this.number().phoneNumber));
  protected readonly location = computed(() => numberLocation(this.number()));
  protected readonly typeLabel = computed(() => NUMBER_TYPE_LABELS[this.number().numberType]);
  protected readonly statusLabel = computed(() => NUMBER_STATUS_LABELS[this.number().status]);
  protected readonly statusTone = computed(() => numberStatusTone(this.number().status));
  protected readonly monthlyCost = computed(() => formatCost(this.number().monthlyCost, 2));

  private readonly api = inject(NumbersApiService);
  /** The switch shows the request's value while it is saved, and the number's own otherwise. */
  private readonly pendingRecord = signal<boolean | null>(null);
  protected readonly recordCalls = computed(() => this.pendingRecord() ?? this.number().recordCalls ?? false);
  protected readonly savingRecord = computed(() => this.pendingRecord() !== null);
  protected readonly recordError = signal<string | null>(null);

  protected setRecordCalls({ checked: recordCalls, source }: MatSlideToggleChange): void {
    this.pendingRecord.set(recordCalls);
    this.recordError.set(null);
    this.api.setRecordCalls(this.number().id, recordCalls).subscribe({
      next: (number) => {
        this.pendingRecord.set(null);
        this.updated.emit(number);
      },
      error: (error: unknown) => {
        this.pendingRecord.set(null);
        source.checked = !recordCalls; // back to what the number says (the binding's value never changed)
        this.recordError.set(`Recording could not be turned ${recordCalls ? 'on' : 'off'}. ${httpErrorMessage(error)}`);
      },
    });
  }

  protected startEditing(): void {
    this.editing.set(true);
  }

  protected finishEditing(renamed: PhoneNumber | null): void {
    this.editing.set(false);
    if (renamed) {
      this.renamed.emit(renamed);
    }
    // Back to where the user started, rather than to the top of the page.
    afterNextRender(() => this.renameButton()?.nativeElement.focus(), { injector: this.injector });
  }
}
