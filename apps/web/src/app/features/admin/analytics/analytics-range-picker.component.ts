import { ChangeDetectionStrategy, Component, computed, effect, input, output } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { provideNativeDateAdapter } from '@angular/material/core';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { dayKey, fromDayKey } from '../../../shared/charts/chart-days';
import { ANALYTICS_PRESETS, type AnalyticsPresetId, type RangeChoice, type ResolvedRange } from './analytics-range';

/**
 * The range of the analytics page: a preset, or two days from the Material date range picker. The picker's dates are
 * calendar days taken as UTC days (the API's), so only their year, month and day are read.
 */
@Component({
  selector: 'hh-analytics-range-picker',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonToggleModule, MatDatepickerModule, MatFormFieldModule, MatInputModule, ReactiveFormsModule],
  providers: [provideNativeDateAdapter()],
  template: `
    <mat-button-toggle-group
      aria-label="Preset ranges"
      hideSingleSelectionIndicator
      [value]="preset()"
      (change)="pickPreset($event.value)"
    >
      @for (preset of presets; track preset.id) {
        <mat-button-toggle [value]="preset.id">{{ preset.label }}</mat-button-toggle>
      }
    </mat-button-toggle-group>

    <mat-form-field appearance="outline" subscriptSizing="dynamic" class="custom">
      <mat-label>Custom range (UTC days)</mat-label>
      <mat-date-range-input [formGroup]="form" [rangePicker]="picker" [max]="maxDate()">
        <input matStartDate formControlName="start" placeholder="Start date" (dateChange)="pickCustom()" />
        <input matEndDate formControlName="end" placeholder="End date" (dateChange)="pickCustom()" />
      </mat-date-range-input>
      <mat-datepicker-toggle matIconSuffix [for]="picker" />
      <mat-date-range-picker #picker />
    </mat-form-field>
  `,
  styles: `
    :host {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.75rem 1rem;
    }
    mat-button-toggle-group {
      flex-wrap: wrap;
    }
    .custom {
      width: 17rem;
    }
  `,
})
export class AnalyticsRangePickerComponent {
  /** The range shown now. */
  readonly range = input.required<ResolvedRange>();
  /** The last day the picker offers (today, UTC), YYYY-MM-DD. */
  readonly max = input.required<string>();

  readonly choiceChange = output<RangeChoice>();

  protected readonly presets = ANALYTICS_PRESETS;
  protected readonly preset = computed(() => this.range().choice.preset);
  protected readonly maxDate = computed(() => fromDayKey(this.max()));
  protected readonly form = new FormGroup({
    start: new FormControl<Date | null>(null),
    end: new FormControl<Date | null>(null),
  });

  constructor() {
    // The fields follow the range (a preset fills them with its days), without reporting that as a choice.
    effect(() => {
      const { from, to } = this.range();
      this.form.setValue({ start: fromDayKey(from), end: fromDayKey(to) }, { emitEvent: false });
    });
  }

  protected pickPreset(preset: AnalyticsPresetId): void {
    this.choiceChange.emit({ preset });
  }

  /** Once both ends are real days in order (the picker clears the end while a new start is chosen). */
  protected pickCustom(): void {
    const { start, end } = this.form.getRawValue();
    if (!isDay(start) || !isDay(end) || end < start) {
      return;
    }
    const from = dayKey(start);
    const to = dayKey(end);
    const range = this.range();
    if (from !== range.from || to !== range.to || range.choice.preset !== 'custom') {
      this.choiceChange.emit({ preset: 'custom', from, to });
    }
  }
}

function isDay(value: Date | null): value is Date {
  return value instanceof Date && !Number.isNaN(value.getTime());
}
