import { NgTemplateOutlet } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  contentChild,
  Directive,
  inject,
  input,
  model,
  TemplateRef,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { FormErrorBannerComponent } from '../forms/form-error-banner.component';
import type { ServerList, ServerListState } from '../http/server-list';
import { PAGE_SIZES } from '../http/url-state';
import { ListStatusComponent } from './list-status.component';

/** The rows of a list's page (its table), shown while the page has rows: `<ng-template hhListRows>`. */
@Directive({ selector: 'ng-template[hhListRows]' })
export class ListRowsDirective {
  readonly template = inject(TemplateRef);
}

/** What a list says when there is nothing to show, inside the empty state: `<ng-template hhListEmpty>`. */
@Directive({ selector: 'ng-template[hhListEmpty]' })
export class ListEmptyDirective {
  readonly template = inject(TemplateRef);
}

/**
 * The results of a server-paged list, the same on every list page: the progress bar and the problem with "Try
 * again" (hh-list-status), the API's refusal of the page's last action on a row until it is dismissed, then either
 * the empty state or the rows with the paginator below them. The page gives its rows and its empty state as
 * templates.
 */
@Component({
  selector: 'hh-list-results',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormErrorBannerComponent, ListStatusComponent, MatButtonModule, MatPaginatorModule, NgTemplateOutlet],
  template: `
    <hh-list-status
      [loading]="list().loading()"
      [error]="list().error()"
      [loadingLabel]="loadingLabel()"
      (retry)="list().reload()"
    />
    @if (actionError(); as message) {
      <div class="problem" role="alert">
        <hh-form-error-banner [message]="message" />
        <button mat-button type="button" (click)="actionError.set(null)">Dismiss</button>
      </div>
    }
    @if (list().empty()) {
      <div class="empty-state">
        <ng-container [ngTemplateOutlet]="empty()?.template ?? null" />
      </div>
    } @else if (list().rows().length > 0) {
      <ng-container [ngTemplateOutlet]="rows().template" />
      <mat-paginator
        [attr.aria-label]="pagesLabel()"
        [length]="list().total()"
        [pageIndex]="list().state().page - 1"
        [pageSize]="list().state().pageSize"
        [pageSizeOptions]="pageSizes"
        [disabled]="list().loading()"
        showFirstLastButtons
        (page)="changePage($event)"
      />
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .problem {
      display: flex;
      align-items: flex-start;
      gap: 0.5rem;
      padding: 1rem 1rem 0;
    }
    .problem hh-form-error-banner {
      flex: 1;
    }
    mat-paginator {
      background: transparent;
    }
  `,
})
export class ListResultsComponent {
  readonly list = input.required<ServerList<ServerListState, unknown>>();
  /** Names the progress bar for screen readers: "Loading users". */
  readonly loadingLabel = input.required<string>();
  /** Names the paginator for screen readers: "User pages". */
  readonly pagesLabel = input.required<string>();
  /** Why the API refused the page's last action on a row (e.g. the last active admin); Dismiss clears it. */
  readonly actionError = model<string | null>(null);

  protected readonly rows = contentChild.required(ListRowsDirective);
  protected readonly empty = contentChild(ListEmptyDirective);
  protected readonly pageSizes = [...PAGE_SIZES];

  protected changePage(event: PageEvent): void {
    this.list().changePage({ page: event.pageIndex + 1, pageSize: event.pageSize });
  }
}
