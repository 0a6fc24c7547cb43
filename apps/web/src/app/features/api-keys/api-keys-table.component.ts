import { DatePipe, DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatTableModule } from '@angular/material/table';
import type { ApiKey } from '@hh/contracts';
import { injectIsPhone } from '../../shared/ui/breakpoints';
import { API_KEY_STATUS_LABELS, API_KEY_STATUS_TONES } from './api-key-status';

/** My keys, newest first; never the keys themselves, only their prefixes. */
@Component({
  selector: 'hh-api-keys-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, DecimalPipe, MatButtonModule, MatTableModule],
  template: `
    <div class="table-scroll">
      <table mat-table [dataSource]="keys()" [trackBy]="trackById" aria-label="My API keys">
        <ng-container matColumnDef="keyName">
          <th mat-header-cell *matHeaderCellDef scope="col">Name</th>
          <td mat-cell *matCellDef="let key" class="name">{{ key.keyName }}</td>
        </ng-container>
        <ng-container matColumnDef="prefix">
          <th mat-header-cell *matHeaderCellDef scope="col">Prefix</th>
          <td mat-cell *matCellDef="let key">
            <code class="prefix">{{ key.prefix }}…</code>
          </td>
        </ng-container>
        <ng-container matColumnDef="creationDate">
          <th mat-header-cell *matHeaderCellDef scope="col">Created</th>
          <td mat-cell *matCellDef="let key">{{ key.creationDate | date: 'mediumDate' }}</td>
        </ng-container>
        <ng-container matColumnDef="expirationDate">
          <th mat-header-cell *matHeaderCellDef scope="col">Expires</th>
          <td mat-cell *matCellDef="let key">
            {{ key.expirationDate ? (key.expirationDate | date: 'mediumDate') : 'Never' }}
          </td>
        </ng-container>
        <ng-container matColumnDef="lastUsed">
          <th mat-header-cell *matHeaderCellDef scope="col">Last used</th>
          <td mat-cell *matCellDef="let key">{{ key.lastUsed ? (key.lastUsed | date: 'medium') : 'Never' }}</td>
        </ng-container>
        <ng-container matColumnDef="usageCount">
          <th mat-header-cell *matHeaderCellDef scope="col" class="numeric">Uses</th>
          <td mat-cell *matCellDef="let key" class="numeric">{{ key.usageCount | number }}</td>
        </ng-container>
        <ng-container matColumnDef="status">
          <th mat-header-cell *matHeaderCellDef scope="col">Status</th>
          <td mat-cell *matCellDef="let key">
            <span class="status-pill" [class]="'tone-' + statusTone(key)">{{ statusLabel(key) }}</span>
          </td>
        </ng-container>
        <ng-container matColumnDef="actions">
          <th mat-header-cell *matHeaderCellDef scope="col"><span class="visually-hidden">Actions</span></th>
          <td mat-cell *matCellDef="let key" class="actions">
            @if (key.status === 'active') {
              <button
                mat-button
                type="button"
                class="revoke"
                [attr.aria-label]="'Revoke ' + key.keyName"
                [disabled]="revoking().has(key.id)"
                (click)="revoke.emit(key)"
              >
                Revoke
              </button>
            }
          </td>
        </ng-container>

        <tr mat-header-row *matHeaderRowDef="columns()"></tr>
        <tr mat-row *matRowDef="let key; columns: columns()" [attr.data-key-id]="key.id"></tr>
        <tr class="mat-mdc-row" *matNoDataRow>
          <td class="mat-mdc-cell empty" [attr.colspan]="columns().length">You have no API keys yet.</td>
        </tr>
      </table>
    </div>
  `,
  styles: `
    th,
    td {
      white-space: nowrap;
    }
    .name {
      font-weight: 600;
      white-space: normal;
      overflow-wrap: anywhere;
      min-width: 8rem;
    }
    .prefix {
      font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
    }
    .numeric {
      text-align: right;
    }
    .actions {
      text-align: right;
    }
    .revoke {
      --mat-button-text-label-text-color: var(--mat-sys-error);
    }
    .empty {
      padding: 2rem 1rem;
      text-align: center;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class ApiKeysTableComponent {
  readonly keys = input.required<readonly ApiKey[]>();
  /** Keys whose revocation is in flight. */
  readonly revoking = input<ReadonlySet<number>>(new Set());
  readonly revoke = output<ApiKey>();

  private readonly isPhone = injectIsPhone();
  /** On a phone: the key's name, its state and Revoke. */
  protected readonly columns = computed<readonly string[]>(() =>
    this.isPhone()
      ? ['keyName', 'status', 'actions']
      : ['keyName', 'prefix', 'creationDate', 'expirationDate', 'lastUsed', 'usageCount', 'status', 'actions'],
  );
  protected readonly trackById = (_index: number, key: ApiKey) => key.id;

  protected statusLabel(key: ApiKey): string {
    return API_KEY_STATUS_LABELS[key.status];
  }

  protected statusTone(key: ApiKey): string {
    return API_KEY_STATUS_TONES[key.status];
  }
}
