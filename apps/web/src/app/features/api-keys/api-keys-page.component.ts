import { ChangeDetectionStrategy, Component, computed, DOCUMENT, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatSnackBar } from '@angular/material/snack-bar';
import { type ApiKey, APP_ROUTES, canUseTelephony } from '@hh/contracts';
import { filter, switchMap } from 'rxjs';
import { AuthStore } from '../../core/auth/auth-store.service';
import { httpErrorMessage } from '../../shared/http/http-error-message';
import { confirmAction } from '../../shared/ui/confirm-dialog.component';
import { API_DOCS_PATH, type CreatedApiKey } from './api-keys-api.service';
import { ApiKeysStore } from './api-keys.store';
import { ApiKeysTableComponent } from './api-keys-table.component';
import { CreateApiKeyFormComponent } from './create-api-key-form.component';
import { showNewApiKey } from './new-api-key-dialog.component';

export const KEY_REVOKED_MESSAGE = 'Key revoked. It no longer works.';

@Component({
  selector: 'hh-api-keys-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ApiKeysTableComponent, CreateApiKeyFormComponent, MatButtonModule, MatIconModule, MatProgressSpinnerModule],
  providers: [ApiKeysStore],
  templateUrl: './api-keys-page.component.html',
  styleUrl: './api-keys-page.component.scss',
})
export class ApiKeysPageComponent {
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly user = inject(AuthStore).user;

  protected readonly store = inject(ApiKeysStore);
  protected readonly title = APP_ROUTES.apiKeys.title;
  protected readonly docsPath = API_DOCS_PATH;
  protected readonly apiOrigin = inject(DOCUMENT).location.origin;
  /** Why this account may not create keys, or null when it may. */
  protected readonly accountStatus = computed(() => this.user()?.status ?? null);
  protected readonly locked = computed(() => {
    const status = this.accountStatus();
    return status !== null && !canUseTelephony(status);
  });

  protected created(created: CreatedApiKey): void {
    this.store.add(created);
    // The secret goes to the dialog and nowhere else: once it closes, the key is gone from the page.
    showNewApiKey(this.dialog, { keyName: created.keyName, key: created.key });
  }

  protected revoke(key: ApiKey): void {
    confirmAction(this.dialog, {
      title: `Revoke ${key.keyName}?`,
      message: `Anything using the key ${key.prefix}… stops working at once. This cannot be undone.`,
      confirmLabel: 'Revoke key',
      dismissLabel: 'Keep key',
    })
      .pipe(
        filter(Boolean),
        switchMap(() => this.store.revoke(key)),
      )
      .subscribe({
        next: () => this.snackBar.open(KEY_REVOKED_MESSAGE, 'Dismiss', { duration: 4000 }),
        error: (error: unknown) => {
          this.snackBar.open(httpErrorMessage(error), 'Dismiss', { duration: 8000 });
          this.store.reload();
        },
      });
  }
}
