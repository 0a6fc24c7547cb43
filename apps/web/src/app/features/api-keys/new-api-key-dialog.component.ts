import { ChangeDetectionStrategy, Component, DOCUMENT, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, type MatDialog, MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';

export interface NewApiKeyData {
  keyName: string;
  key: string;
}

/**
 * The one time a key is shown: in a read-only field, with a copy button and a plain warning. Nothing else keeps
 * the key; once the dialog closes it is gone (the API stores only its hash).
 */
@Component({
  selector: 'hh-new-api-key-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatDialogModule, MatFormFieldModule, MatIconModule, MatInputModule],
  template: `
    <h2 mat-dialog-title>API key created</h2>
    <mat-dialog-content>
      <p>
        Your key <strong>{{ data.keyName }}</strong> is ready. Send it in the <code>X-API-Key</code> header of each
        request.
      </p>
      <div class="warning" role="note">
        <mat-icon svgIcon="hh:lock" aria-hidden="true" />
        <span>
          Copy this key now and keep it somewhere safe. <strong>It will not be shown again</strong>: we keep only a
          fingerprint of it.
        </span>
      </div>
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>Your new API key</mat-label>
        <input
          matInput
          class="key"
          readonly
          [value]="data.key"
          autocomplete="off"
          spellcheck="false"
          (focus)="selectAll($event)"
        />
      </mat-form-field>
      <div class="copy-row">
        <button mat-stroked-button type="button" (click)="copy()">Copy key</button>
        <span class="copy-status" role="status">
          @if (copyState() === 'copied') {
            Copied
          } @else if (copyState() === 'failed') {
            Copying is not available here: select the key and copy it yourself.
          }
        </span>
      </div>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-flat-button type="button" mat-dialog-close>Close</button>
    </mat-dialog-actions>
  `,
  styles: `
    p {
      margin: 0 0 1rem;
    }
    .warning {
      display: flex;
      gap: 0.75rem;
      margin-bottom: 1.25rem;
      padding: 0.75rem 1rem;
      border-radius: 0.75rem;
      color: #fde68a;
      background: rgb(245 158 11 / 0.12);
      border: 1px solid rgb(245 158 11 / 0.4);
    }
    .warning mat-icon {
      flex: none;
      color: var(--hh-warning);
    }
    mat-form-field {
      width: 100%;
    }
    .key {
      font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
    }
    .copy-row {
      display: flex;
      align-items: center;
      gap: 1rem;
      margin-top: 0.75rem;
    }
    .copy-status {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class NewApiKeyDialogComponent {
  private readonly window = inject(DOCUMENT).defaultView;

  protected readonly data = inject<NewApiKeyData>(MAT_DIALOG_DATA);
  protected readonly copyState = signal<'idle' | 'copied' | 'failed'>('idle');

  protected async copy(): Promise<void> {
    try {
      const clipboard = this.window?.navigator.clipboard;
      if (!clipboard) {
        throw new Error('No clipboard');
      }
      await clipboard.writeText(this.data.key);
      this.copyState.set('copied');
    } catch {
      // Denied, or an insecure context without a clipboard API: the field stays there to copy by hand.
      this.copyState.set('failed');
    }
  }

  protected selectAll(event: FocusEvent): void {
    (event.target as HTMLInputElement).select();
  }
}

/**
 * Shows a new key once. Only Close dismisses it (no backdrop click or Escape), so that a stray click does not lose
 * a key that cannot be shown again.
 */
export function showNewApiKey(dialog: MatDialog, data: NewApiKeyData) {
  return dialog.open<NewApiKeyDialogComponent, NewApiKeyData>(NewApiKeyDialogComponent, {
    data,
    width: '36rem',
    maxWidth: 'calc(100vw - 2rem)',
    disableClose: true,
    autoFocus: 'input.key',
  });
}
