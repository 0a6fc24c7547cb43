import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { APP_ROUTES, type Contact, PAGE_SIZE_DEFAULT, type Paginated } from '@hh/contracts';
import { type Subscription } from 'rxjs';
import { CallLinkComponent } from '../../shared/contacts/call-link.component';
import { ContactDirectoryStore } from '../../shared/contacts/contact-directory.store';
import { openContactEditor } from '../../shared/contacts/contact-editor-dialog.component';
import { ContactsApiService } from '../../shared/contacts/contacts-api.service';
import { debouncedSearch } from '../../shared/forms/debounced-search';
import { formatPhoneNumber } from '../../shared/format/phone';
import { httpErrorMessage } from '../../shared/http/http-error-message';
import { localDateStamp, saveFile } from '../../shared/http/save-file';
import { confirmAction } from '../../shared/ui/confirm-dialog.component';
import { ImportContactsDialogComponent } from './import-contacts-dialog.component';

/**
 * My contacts: searched by name, company or number (the server's `q`), paged, added, edited and deleted; imported
 * from and exported to CSV. Each number has a click-to-call link that opens the dialer prefilled.
 */
@Component({
  selector: 'hh-contacts-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    CallLinkComponent,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatPaginatorModule,
    MatProgressBarModule,
    MatTooltipModule,
  ],
  template: `
    <div class="page">
      <header class="page-intro with-actions">
        <div>
          <h1>{{ title }}</h1>
          <p class="muted">Names for the numbers you call: they show in your history, recents and incoming calls.</p>
        </div>
        <div class="actions">
          @if (canHandleTelLinks) {
            <button
              mat-button
              type="button"
              matTooltip="Phone links (tel:) on other sites open the dialer here, with the number filled in"
              (click)="handleTelLinks()"
            >
              Open phone links here
            </button>
          }
          <button mat-stroked-button type="button" (click)="openImport()">
            <mat-icon svgIcon="hh:upload" aria-hidden="true" />
            Import
          </button>
          <button mat-stroked-button type="button" [disabled]="exporting()" (click)="exportCsv()">
            <mat-icon svgIcon="hh:download" aria-hidden="true" />
            Export
          </button>
          <button mat-flat-button type="button" (click)="add()">
            <mat-icon svgIcon="hh:person-add" aria-hidden="true" />
            Add contact
          </button>
        </div>
      </header>

      <section class="glass-card results" aria-labelledby="contacts-heading" [attr.aria-busy]="loading()">
        <h2 id="contacts-heading" class="visually-hidden">Contacts</h2>
        <mat-form-field appearance="outline" class="search" subscriptSizing="dynamic">
          <mat-label>Search name, company or number</mat-label>
          <input
            matInput
            type="search"
            data-testid="contacts-search"
            [value]="search.text()"
            (input)="search.input($any($event.target).value)"
          />
        </mat-form-field>
        @if (loading()) {
          <mat-progress-bar mode="indeterminate" aria-label="Loading contacts" />
        }
        @if (error(); as message) {
          <div class="problem" role="alert">
            <span>{{ message }}</span>
            <button mat-button type="button" (click)="load()">Try again</button>
          </div>
        }
        @if (page(); as page) {
          @if (page.data.length === 0) {
            <p class="muted empty">
              {{ q() ? 'No contact matches “' + q() + '”.' : 'No contacts yet. Add one, or import a CSV file.' }}
            </p>
          } @else {
            <ul class="contacts" aria-label="Contacts">
              @for (contact of page.data; track contact.id) {
                <li class="contact" data-testid="contact-row">
                  <div class="who">
                    <span class="name">{{ contact.name }}</span>
                    @if (contact.company) {
                      <span class="company muted">{{ contact.company }}</span>
                    }
                    @if (contact.email) {
                      <span class="email muted">{{ contact.email }}</span>
                    }
                  </div>
                  <ul class="numbers" [attr.aria-label]="'Numbers of ' + contact.name">
                    @for (number of contact.numbers; track number.phoneNumber) {
                      <li>
                        <span class="label muted">{{ number.label }}</span>
                        <span class="number">{{ format(number.phoneNumber) }}</span>
                        <hh-call-link [number]="number.phoneNumber" />
                      </li>
                    } @empty {
                      <li class="muted">No number</li>
                    }
                  </ul>
                  <div class="row-actions">
                    <button
                      mat-icon-button
                      type="button"
                      [attr.aria-label]="'Edit ' + contact.name"
                      [matTooltip]="'Edit ' + contact.name"
                      (click)="edit(contact)"
                    >
                      <mat-icon svgIcon="hh:edit" aria-hidden="true" />
                    </button>
                    <button
                      mat-icon-button
                      type="button"
                      [attr.aria-label]="'Delete ' + contact.name"
                      [matTooltip]="'Delete ' + contact.name"
                      (click)="remove(contact)"
                    >
                      <mat-icon svgIcon="hh:delete" aria-hidden="true" />
                    </button>
                  </div>
                </li>
              }
            </ul>
            <mat-paginator
              [length]="page.meta.total"
              [pageIndex]="page.meta.page - 1"
              [pageSize]="page.meta.pageSize"
              [pageSizeOptions]="[10, 25, 50, 100]"
              aria-label="Pages of contacts"
              (page)="onPage($event)"
            />
          }
        }
      </section>
    </div>
  `,
  styles: `
    .with-actions {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-end;
      justify-content: space-between;
      gap: 1rem;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }
    .results {
      padding: 1rem 1.25rem 0.25rem;
    }
    .search {
      width: min(100%, 28rem);
      margin-bottom: 0.75rem;
    }
    .contacts {
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .contact {
      display: grid;
      grid-template-columns: minmax(10rem, 1fr) minmax(12rem, 1.4fr) auto;
      align-items: center;
      gap: 0.5rem 1rem;
      padding: 0.5rem 0;
      border-top: 1px solid var(--hh-glass-border);
    }
    .contact:first-child {
      border-top: 0;
    }
    @media (max-width: 640px) {
      .contact {
        grid-template-columns: 1fr auto;
      }
      .numbers {
        grid-column: 1 / -1;
        grid-row: 2;
      }
    }
    .who {
      display: flex;
      flex-direction: column;
      min-width: 0;
    }
    .name {
      font-weight: 600;
    }
    .company,
    .email {
      font: var(--mat-sys-body-small);
      overflow-wrap: anywhere;
    }
    .numbers {
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .numbers li {
      display: flex;
      align-items: center;
      gap: 0.5rem;
    }
    .label {
      min-width: 4rem;
      font: var(--mat-sys-body-small);
    }
    .number {
      font-variant-numeric: tabular-nums;
    }
    .row-actions {
      display: flex;
    }
    .problem {
      display: flex;
      align-items: center;
      gap: 1rem;
      color: #fecaca;
    }
    .empty {
      margin: 0.5rem 0 1rem;
    }
  `,
})
export class ContactsPageComponent {
  private readonly api = inject(ContactsApiService);
  private readonly directory = inject(ContactDirectoryStore);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly title = APP_ROUTES.contacts.title;
  protected readonly q = signal('');
  private readonly pageIndex = signal(1);
  private readonly pageSize = signal(PAGE_SIZE_DEFAULT);
  protected readonly page = signal<Paginated<Contact> | null>(null);
  protected readonly loading = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly exporting = signal(false);
  private request: Subscription | null = null;

  protected readonly search = debouncedSearch({
    current: () => this.q(),
    apply: (q) => {
      this.q.set(q);
      this.pageIndex.set(1);
      this.load();
    },
  });

  constructor() {
    this.destroyRef.onDestroy(() => this.request?.unsubscribe());
    this.load();
  }

  /** Browsers that let a site open tel: links (the user confirms in the browser's own prompt). */
  protected readonly canHandleTelLinks = typeof navigator !== 'undefined' && 'registerProtocolHandler' in navigator;

  /**
   * Asks the browser to open tel: links with the dialer (/voip/dialer?number=tel:…), which only fills the number in:
   * nothing registered here ever dials by itself.
   */
  protected handleTelLinks(): void {
    try {
      navigator.registerProtocolHandler('tel', `${location.origin}${APP_ROUTES.dialer.path}?number=%s`);
      this.snackBar.open('Your browser asks whether to open phone links here.', 'Dismiss', { duration: 5000 });
    } catch {
      this.snackBar.open('This browser does not let the portal open phone links.', 'Dismiss', { duration: 5000 });
    }
  }

  protected format(number: string): string {
    return formatPhoneNumber(number);
  }

  protected load(): void {
    this.request?.unsubscribe();
    this.loading.set(true);
    this.error.set(null);
    this.request = this.api
      .list({ q: this.q() || undefined, page: this.pageIndex(), pageSize: this.pageSize() })
      .subscribe({
        next: (page) => {
          this.loading.set(false);
          this.page.set(page);
        },
        error: (error: unknown) => {
          this.loading.set(false);
          this.error.set(`Your contacts could not be loaded. ${httpErrorMessage(error)}`);
        },
      });
  }

  protected onPage(event: PageEvent): void {
    this.pageIndex.set(event.pageIndex + 1);
    this.pageSize.set(event.pageSize);
    this.load();
  }

  protected add(): void {
    openContactEditor(this.dialog, {})
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((saved) => {
        if (saved) {
          this.snackBar.open(`${saved.name} was added to your contacts.`, 'Dismiss', { duration: 4000 });
          this.load();
        }
      });
  }

  protected edit(contact: Contact): void {
    openContactEditor(this.dialog, { contact })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((saved) => {
        if (saved) {
          this.snackBar.open(`${saved.name} was saved.`, 'Dismiss', { duration: 4000 });
          this.load();
        }
      });
  }

  protected remove(contact: Contact): void {
    confirmAction(this.dialog, {
      title: `Delete ${contact.name}?`,
      message: 'The contact and its numbers are deleted; your calls with them stay in your history.',
      confirmLabel: 'Delete contact',
      dismissLabel: 'Keep contact',
    })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((confirmed) => {
        if (!confirmed) {
          return;
        }
        this.api.delete(contact.id).subscribe({
          next: () => {
            this.directory.refresh();
            this.snackBar.open(`${contact.name} was deleted.`, 'Dismiss', { duration: 4000 });
            this.load();
          },
          error: (error: unknown) =>
            this.snackBar.open(`${contact.name} could not be deleted. ${httpErrorMessage(error)}`, 'Dismiss'),
        });
      });
  }

  protected openImport(): void {
    this.dialog
      .open(ImportContactsDialogComponent, { width: '40rem', maxWidth: 'calc(100vw - 2rem)' })
      .afterClosed()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((result) => {
        if (result) {
          this.load();
        }
      });
  }

  protected exportCsv(): void {
    this.exporting.set(true);
    this.api.exportCsv().subscribe({
      next: (blob) => {
        this.exporting.set(false);
        saveFile(blob, `contacts-${localDateStamp()}.csv`);
      },
      error: (error: unknown) => {
        this.exporting.set(false);
        this.snackBar.open(`The export failed. ${httpErrorMessage(error)}`, 'Dismiss');
      },
    });
  }
}
