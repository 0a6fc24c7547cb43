import { DatePipe } from '@angular/common';
import { HttpClient, HttpParams } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, OnInit, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { APP_ROUTES, MAIL_STATUSES, type MailStatus, type OutboxMail, type Paginated } from '@hh/contracts';
import { httpErrorMessage } from '../../../shared/http/http-error-message';
import { injectIsPhone } from '../../../shared/ui/breakpoints';

const STATUS_LABELS: Record<MailStatus, string> = {
  queued: 'Queued',
  sent: 'Sent',
  failed: 'Failed',
  held: 'Held (no SMTP)',
};

/**
 * The mail outbox (GET /admin/mail): what the portal sent or is sending, and, without SMTP_URL, the messages held
 * here, whose one-time links an admin passes on to the user.
 */
@Component({
  selector: 'hh-admin-mail-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DatePipe,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatPaginatorModule,
    MatSelectModule,
    MatTableModule,
  ],
  template: `
    <div class="page">
      <header class="page-intro">
        <h1>{{ title }}</h1>
        <p class="muted">
          Every message the portal queued. Without SMTP_URL messages are held here: open one to read it and pass its
          link on. Sent messages no longer show their one-time link.
        </p>
      </header>

      <section class="glass-card filters-card" aria-label="Filters">
        <div class="filters" role="search" aria-label="Filter mail">
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>Status</mat-label>
            <mat-select [value]="status()" (valueChange)="changeStatus($event)">
              <mat-option [value]="null">Any</mat-option>
              @for (value of statuses; track value) {
                <mat-option [value]="value">{{ statusLabels[value] }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>To</mat-label>
            <input matInput type="search" [value]="to()" (change)="changeTo($any($event.target).value)" />
          </mat-form-field>
        </div>
      </section>

      @if (selected(); as mail) {
        <section class="glass-card filters-card" aria-labelledby="mail-heading">
          <h2 id="mail-heading">{{ mail.subject }}</h2>
          <p class="muted">
            To {{ mail.to }} · {{ statusLabels[mail.status] }} · {{ mail.createdAt | date: 'medium' }}
          </p>
          @if (mail.lastError) {
            <p class="error">Last error: {{ mail.lastError }}</p>
          }
          <pre class="body">{{ mail.text }}</pre>
          <button mat-button type="button" (click)="selected.set(null)">Close</button>
        </section>
      }

      <section class="glass-card results" aria-labelledby="outbox-heading" [attr.aria-busy]="loading()">
        <h2 id="outbox-heading" class="visually-hidden">Outbox</h2>
        @if (error(); as message) {
          <p class="error" role="alert">{{ message }}</p>
        }
        <div class="table-scroll">
          <table mat-table [dataSource]="rows()" aria-label="Mail outbox">
            <ng-container matColumnDef="createdAt">
              <th mat-header-cell *matHeaderCellDef>Queued</th>
              <td mat-cell *matCellDef="let mail">{{ mail.createdAt | date: 'short' }}</td>
            </ng-container>
            <ng-container matColumnDef="to">
              <th mat-header-cell *matHeaderCellDef>To</th>
              <td mat-cell *matCellDef="let mail">{{ mail.to }}</td>
            </ng-container>
            <ng-container matColumnDef="subject">
              <th mat-header-cell *matHeaderCellDef>Subject</th>
              <td mat-cell *matCellDef="let mail">
                <button mat-button type="button" class="open" (click)="selected.set(mail)">{{ mail.subject }}</button>
              </td>
            </ng-container>
            <ng-container matColumnDef="status">
              <th mat-header-cell *matHeaderCellDef>Status</th>
              <td mat-cell *matCellDef="let mail">{{ labelOf(mail) }}</td>
            </ng-container>
            <ng-container matColumnDef="attempts">
              <th mat-header-cell *matHeaderCellDef>Attempts</th>
              <td mat-cell *matCellDef="let mail">{{ mail.attempts }}</td>
            </ng-container>
            <tr mat-header-row *matHeaderRowDef="columns()"></tr>
            <tr mat-row *matRowDef="let row; columns: columns()"></tr>
          </table>
        </div>
        @if (!loading() && rows().length === 0) {
          <p class="muted empty">No mail yet.</p>
        }
        <mat-paginator
          [length]="total()"
          [pageIndex]="page() - 1"
          [pageSize]="pageSize()"
          [pageSizeOptions]="[25, 50, 100]"
          (page)="changePage($event)"
          aria-label="Outbox pages"
        />
      </section>
    </div>
  `,
  styleUrl: '../admin-list-page.scss',
  styles: `
    .body {
      white-space: pre-wrap;
      word-break: break-word;
      font: var(--mat-sys-body-medium);
      margin: 1rem 0;
    }
    .error {
      color: #fecaca;
    }
    .open {
      text-align: left;
    }
    /* A long subject wraps rather than widen the table (two lines at most, on a phone). */
    @media (max-width: 599.98px) {
      .open {
        height: auto;
        white-space: normal;
      }
    }
    .empty {
      padding: 1rem;
    }
  `,
})
export class AdminMailPageComponent implements OnInit {
  private readonly http = inject(HttpClient);

  protected readonly title = APP_ROUTES.adminMail.title;
  protected readonly statuses = MAIL_STATUSES;
  protected readonly statusLabels = STATUS_LABELS;
  private readonly isPhone = injectIsPhone();
  /** On a phone: what and where it stands; the message opens with its addressee and times. */
  protected readonly columns = computed<readonly string[]>(() =>
    this.isPhone() ? ['subject', 'status'] : ['createdAt', 'to', 'subject', 'status', 'attempts'],
  );
  protected readonly rows = signal<OutboxMail[]>([]);
  protected readonly total = signal(0);
  protected readonly page = signal(1);
  protected readonly pageSize = signal(25);
  protected readonly status = signal<MailStatus | null>(null);
  protected readonly to = signal('');
  protected readonly loading = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly selected = signal<OutboxMail | null>(null);

  ngOnInit(): void {
    this.load();
  }

  protected labelOf(mail: OutboxMail): string {
    return STATUS_LABELS[mail.status];
  }

  protected changeStatus(status: MailStatus | null): void {
    this.status.set(status);
    this.page.set(1);
    this.load();
  }

  protected changeTo(to: string): void {
    this.to.set(to.trim());
    this.page.set(1);
    this.load();
  }

  protected changePage(event: PageEvent): void {
    this.page.set(event.pageIndex + 1);
    this.pageSize.set(event.pageSize);
    this.load();
  }

  private load(): void {
    let params = new HttpParams().set('page', this.page()).set('pageSize', this.pageSize());
    const status = this.status();
    if (status) params = params.set('status', status);
    if (this.to()) params = params.set('to', this.to());
    this.loading.set(true);
    this.error.set(null);
    this.http.get<Paginated<OutboxMail>>('/api/v1/admin/mail', { params }).subscribe({
      next: (page) => {
        this.loading.set(false);
        this.rows.set(page.data);
        this.total.set(page.meta.total);
      },
      error: (error: unknown) => {
        this.loading.set(false);
        this.error.set(httpErrorMessage(error));
      },
    });
  }
}
