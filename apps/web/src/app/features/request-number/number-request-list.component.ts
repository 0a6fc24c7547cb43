import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import type { NumberRequest } from '@hh/contracts';
import { formatPhoneNumber } from '../../shared/format/phone';
import { NUMBER_TYPE_LABELS } from '../../shared/format/phone-number-labels';
import { REQUEST_STATUS_LABELS, REQUEST_STATUS_TONES } from '../../shared/format/request-status';

/** My requests, newest first, each with its status, what was asked for and what came of it. */
@Component({
  selector: 'hh-number-request-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, MatButtonModule, MatProgressSpinnerModule],
  templateUrl: './number-request-list.component.html',
  styleUrl: './number-request-list.component.scss',
})
export class NumberRequestListComponent {
  readonly requests = input.required<readonly NumberRequest[]>();
  /** My numbers by id, in E.164, to name the number assigned to a fulfilled request. */
  readonly assignedNumbers = input<ReadonlyMap<number, string>>(new Map());
  /** Requests whose cancellation is in flight. */
  readonly cancelling = input<ReadonlySet<number>>(new Set());
  readonly cancelRequest = output<NumberRequest>();

  protected readonly typeLabels = NUMBER_TYPE_LABELS;
  protected readonly statusLabels = REQUEST_STATUS_LABELS;
  protected readonly statusTones = REQUEST_STATUS_TONES;

  protected assignedNumber(request: NumberRequest): string | null {
    if (request.assignedNumberId === null) {
      return null;
    }
    const number = this.assignedNumbers().get(request.assignedNumberId);
    return number ? formatPhoneNumber(number) : null;
  }
}
