import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatSnackBar } from '@angular/material/snack-bar';
import { APP_ROUTES, type NumberRequest } from '@hh/contracts';
import { filter, switchMap } from 'rxjs';
import { httpErrorMessage } from '../../shared/http/http-error-message';
import { NUMBER_TYPE_LABELS } from '../../shared/format/phone-number-labels';
import { confirmAction } from '../../shared/ui/confirm-dialog.component';
import { MyRequestsStore } from './my-requests.store';
import { NumberRequestListComponent } from './number-request-list.component';
import { RequestNumberFormComponent } from './request-number-form.component';
import { requestProcessedMessage } from '../../shared/format/request-status';

export const REQUEST_CANCELLED_MESSAGE = 'Request cancelled.';

@Component({
  selector: 'hh-request-number-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    MatButtonModule,
    MatIconModule,
    MatProgressSpinnerModule,
    NumberRequestListComponent,
    RequestNumberFormComponent,
  ],
  providers: [MyRequestsStore],
  templateUrl: './request-number-page.component.html',
  styleUrl: './request-number-page.component.scss',
})
export class RequestNumberPageComponent {
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);

  protected readonly store = inject(MyRequestsStore);
  protected readonly title = APP_ROUTES.requestNumber.title;

  constructor() {
    this.store.processed$.pipe(takeUntilDestroyed()).subscribe((request) => {
      const message = requestProcessedMessage(request.status);
      if (message) {
        this.snackBar.open(message, 'Dismiss', { duration: 8000 });
      }
    });
  }

  protected cancel(request: NumberRequest): void {
    const type = NUMBER_TYPE_LABELS[request.numberType].toLowerCase();
    confirmAction(this.dialog, {
      title: 'Cancel this request?',
      message: `Request #${request.id} for a ${type} number will be withdrawn. You can always make a new request.`,
      confirmLabel: 'Cancel request',
      dismissLabel: 'Keep request',
    })
      .pipe(
        filter(Boolean),
        switchMap(() => this.store.cancel(request)),
      )
      .subscribe({
        next: () => this.snackBar.open(REQUEST_CANCELLED_MESSAGE, 'Dismiss', { duration: 4000 }),
        error: (error: unknown) => {
          this.snackBar.open(httpErrorMessage(error), 'Dismiss', { duration: 8000 });
          if (error instanceof HttpErrorResponse && error.status === 404) {
            this.store.remove(request.id);
          } else if (error instanceof HttpErrorResponse && error.status === 409) {
            // Processed meanwhile: show where it stands now.
            this.store.reload();
          }
        },
      });
  }
}
