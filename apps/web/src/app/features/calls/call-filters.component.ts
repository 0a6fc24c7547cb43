import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { CALL_DIRECTIONS, CALL_STATUSES, type CallDirection, type CallStatus } from '@hh/contracts';
import { CALL_STATUS_LABELS } from '../../shared/format/call-status';
import { debouncedSearch } from '../../shared/forms/debounced-search';
import { hasFilters, HISTORY_SEARCH_MAX_LENGTH, type HistoryFilters } from './call-history-query';

const DIRECTION_LABELS: Record<CallDirection, string> = { outbound: 'Outbound', inbound: 'Inbound' };

/** The call history's filters. Presentational: it shows the filters it is given and emits the changes. */
@Component({
  selector: 'hh-call-filters',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatFormFieldModule, MatInputModule, MatSelectModule],
  template: `
    <div class="filters" role="search" aria-label="Filter calls">
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>Search number</mat-label>
        <input
          matInput
          type="search"
          inputmode="tel"
          autocomplete="off"
          [maxLength]="searchMaxLength"
          [value]="search.text()"
          (input)="search.input($any($event.target).value)"
        />
      </mat-form-field>

      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>Status</mat-label>
        <mat-select [value]="filters().status" (valueChange)="changed.emit({ status: $event })">
          <mat-option [value]="null">All statuses</mat-option>
          @for (status of statuses; track status.value) {
            <mat-option [value]="status.value">{{ status.label }}</mat-option>
          }
        </mat-select>
      </mat-form-field>

      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>Direction</mat-label>
        <mat-select [value]="filters().direction" (valueChange)="changed.emit({ direction: $event })">
          <mat-option [value]="null">All directions</mat-option>
          @for (direction of directions; track direction.value) {
            <mat-option [value]="direction.value">{{ direction.label }}</mat-option>
          }
        </mat-select>
      </mat-form-field>

      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>Recorded</mat-label>
        <mat-select [value]="filters().recorded" (valueChange)="changed.emit({ recorded: $event })">
          <mat-option [value]="null">Any</mat-option>
          <mat-option [value]="true">Yes</mat-option>
          <mat-option [value]="false">No</mat-option>
        </mat-select>
      </mat-form-field>

      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>From</mat-label>
        <input
          matInput
          type="date"
          [value]="filters().from ?? ''"
          [attr.max]="filters().to"
          (change)="changed.emit({ from: $any($event.target).value || null })"
        />
      </mat-form-field>

      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>To</mat-label>
        <input
          matInput
          type="date"
          [value]="filters().to ?? ''"
          [attr.min]="filters().from"
          (change)="changed.emit({ to: $any($event.target).value || null })"
        />
      </mat-form-field>

      @if (active()) {
        <button mat-button type="button" class="clear" (click)="clear()">Clear filters</button>
      }
    </div>
  `,
  styles: `
    .filters {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(10.5rem, 1fr));
      gap: 0.75rem;
      align-items: center;
    }
    .clear {
      justify-self: start;
    }
  `,
})
export class CallFiltersComponent {
  readonly filters = input.required<HistoryFilters>();
  readonly changed = output<Partial<HistoryFilters>>();

  protected readonly statuses = CALL_STATUSES.map((value: CallStatus) => ({ value, label: CALL_STATUS_LABELS[value] }));
  protected readonly directions = CALL_DIRECTIONS.map((value) => ({ value, label: DIRECTION_LABELS[value] }));
  protected readonly active = computed(() => hasFilters(this.filters()));
  protected readonly searchMaxLength = HISTORY_SEARCH_MAX_LENGTH;
  /** The number search as typed; it follows the URL (back button, "Clear filters") whenever that changes. */
  protected readonly search = debouncedSearch({
    current: () => this.filters().q,
    apply: (q) => this.changed.emit({ q }),
  });

  protected clear(): void {
    this.search.clear();
    this.changed.emit({ status: null, direction: null, from: null, to: null, q: '', recorded: null });
  }
}
