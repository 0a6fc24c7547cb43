import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { APP_ROUTES, type TopUser } from '@hh/contracts';
import { formatDuration } from '../../../shared/format/duration';
import { formatCost } from '../../../shared/format/money';

interface TopUserRow {
  user: TopUser;
  rank: number;
  calls: string;
  talkTime: string;
  cost: string;
}

export const TOP_USERS_COLUMNS = ['rank', 'user', 'calls', 'talkTime', 'cost'] as const;

const numberFormat = new Intl.NumberFormat('en-US');

/** The users with the most calls in the range (presentational); each name opens the user in Users. */
@Component({
  selector: 'hh-top-users-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatTableModule, RouterLink],
  template: `
    <div class="table-scroll">
      <table mat-table aria-label="Top users" [dataSource]="rows()">
        <ng-container matColumnDef="rank">
          <th mat-header-cell *matHeaderCellDef>#</th>
          <td mat-cell *matCellDef="let row">{{ row.rank }}</td>
        </ng-container>
        <ng-container matColumnDef="user">
          <th mat-header-cell *matHeaderCellDef>User</th>
          <td mat-cell *matCellDef="let row">
            <a [routerLink]="usersPath" [queryParams]="{ q: row.user.email }">{{ row.user.name }}</a>
            <span class="email muted">{{ row.user.email }}</span>
          </td>
        </ng-container>
        <ng-container matColumnDef="calls">
          <th mat-header-cell *matHeaderCellDef class="numeric">Calls</th>
          <td mat-cell *matCellDef="let row" class="numeric">{{ row.calls }}</td>
        </ng-container>
        <ng-container matColumnDef="talkTime">
          <th mat-header-cell *matHeaderCellDef class="numeric">Talk time</th>
          <td mat-cell *matCellDef="let row" class="numeric">{{ row.talkTime }}</td>
        </ng-container>
        <ng-container matColumnDef="cost">
          <th mat-header-cell *matHeaderCellDef class="numeric">Cost</th>
          <td mat-cell *matCellDef="let row" class="numeric">{{ row.cost }}</td>
        </ng-container>
        <tr mat-header-row *matHeaderRowDef="columns"></tr>
        <tr mat-row *matRowDef="let row; columns: columns" [attr.data-user-id]="row.user.userId"></tr>
      </table>
    </div>
  `,
  styles: `
    :host {
      display: block;
    }
    .email {
      display: block;
      font: var(--mat-sys-body-small);
    }
    .numeric {
      text-align: right;
      font-variant-numeric: tabular-nums;
      white-space: nowrap;
    }
  `,
})
export class TopUsersTableComponent {
  readonly users = input.required<readonly TopUser[]>();

  protected readonly columns = TOP_USERS_COLUMNS;
  protected readonly usersPath = APP_ROUTES.adminUsers.path;
  protected readonly rows = computed<TopUserRow[]>(() =>
    this.users().map((user, index) => ({
      user,
      rank: index + 1,
      calls: numberFormat.format(user.calls),
      talkTime: formatDuration(user.durationSeconds),
      cost: formatCost(user.cost, 2),
    })),
  );
}
