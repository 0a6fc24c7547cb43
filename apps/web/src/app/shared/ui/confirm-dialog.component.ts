import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, type MatDialog, MatDialogModule } from '@angular/material/dialog';
import { map, type Observable } from 'rxjs';

export interface ConfirmDialogData {
  title: string;
  message: string;
  /** The label of the button that goes ahead, e.g. "Cancel request". */
  confirmLabel: string;
  /** The label of the button that backs out, e.g. "Keep request". */
  dismissLabel: string;
}

/**
 * Asks before an action that cannot be undone. The safe choice comes first and takes the focus, so Enter or a
 * hasty click does no harm; Escape backs out too.
 */
@Component({
  selector: 'hh-confirm-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatDialogModule],
  template: `
    <h2 mat-dialog-title>{{ data.title }}</h2>
    <mat-dialog-content>
      <p>{{ data.message }}</p>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" class="dismiss" [mat-dialog-close]="false">{{ data.dismissLabel }}</button>
      <button mat-flat-button type="button" class="confirm" [mat-dialog-close]="true">{{ data.confirmLabel }}</button>
    </mat-dialog-actions>
  `,
  styles: `
    p {
      margin: 0;
    }
    .confirm {
      --mat-button-filled-container-color: var(--mat-sys-error);
      --mat-button-filled-label-text-color: var(--mat-sys-on-error);
    }
  `,
})
export class ConfirmDialogComponent {
  protected readonly data = inject<ConfirmDialogData>(MAT_DIALOG_DATA);
}

/** Opens the confirmation and answers true only when the user confirmed. */
export function confirmAction(dialog: MatDialog, data: ConfirmDialogData): Observable<boolean> {
  return dialog
    .open<ConfirmDialogComponent, ConfirmDialogData, boolean>(ConfirmDialogComponent, {
      data,
      width: '30rem',
      maxWidth: 'calc(100vw - 2rem)',
      autoFocus: '.dismiss',
    })
    .afterClosed()
    .pipe(map((confirmed) => confirmed === true));
}
