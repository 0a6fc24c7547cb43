import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { FormErrorBannerComponent } from '../forms/form-error-banner.component';

/**
 * The top of a list's results: a thin progress bar while it loads (the space is kept, so the rows do not jump) and,
 * when loading failed, the problem with a "Try again" button. Presentational: a page binds its list's signals
 * (see ServerList) and retries on `retry`.
 */
@Component({
  selector: 'hh-list-status',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormErrorBannerComponent, MatButtonModule, MatProgressBarModule],
  template: `
    <div class="progress">
      @if (loading()) {
        <mat-progress-bar mode="indeterminate" [attr.aria-label]="loadingLabel()" />
      }
    </div>
    @if (error(); as error) {
      <div class="problem">
        <hh-form-error-banner [message]="error" />
        <button mat-button type="button" (click)="retry.emit()">Try again</button>
      </div>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .progress {
      height: 4px;
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
  `,
})
export class ListStatusComponent {
  readonly loading = input.required<boolean>();
  readonly error = input<string | null>(null);
  /** Names the progress bar for screen readers: "Loading users". */
  readonly loadingLabel = input.required<string>();
  readonly retry = output<void>();
}
