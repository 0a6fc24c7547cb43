import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatTooltipModule } from '@angular/material/tooltip';
import type { PortalIconName } from '../../core/icons/portal-icons';

/** One action of a table row, shown as an icon button whose tooltip is its label. */
export interface RowAction<K extends string = string> {
  kind: K;
  /** The tooltip: what the button does, in a word or two. */
  label: string;
  /** The accessible name, which names the row's subject so that every row's button is distinct. */
  ariaLabel: string;
  icon: PortalIconName;
  /** Why the action is unavailable, shown as the tooltip; null or absent when it is available. */
  disabledReason?: string | null;
  /** The id of an element that describes the button (e.g. why it is disabled, for screen readers). */
  describedBy?: string | null;
  /** Unavailable for the moment (a request in flight), without a reason to show. */
  busy?: boolean;
  tone?: 'default' | 'danger';
}

/**
 * A row's actions in one line: icon buttons with tooltips and accessible names, so that a table row stays one line
 * high at any width (issue 14: stacked text buttons made admin rows 90–150 px tall and pushed them off-screen).
 */
@Component({
  selector: 'hh-row-actions',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatIconModule, MatTooltipModule],
  template: `
    @for (action of actions(); track action.kind) {
      <!-- A disabled button gets no pointer events: its wrapper carries the tooltip that says why. -->
      <span
        class="slot"
        [matTooltip]="action.disabledReason || action.label"
        [matTooltipDisabled]="!action.disabledReason"
      >
        <button
          mat-icon-button
          type="button"
          [class]="'action-' + action.kind + (action.tone === 'danger' ? ' danger' : '')"
          [attr.aria-label]="action.ariaLabel"
          [attr.aria-describedby]="action.describedBy ?? null"
          [matTooltip]="action.label"
          [matTooltipDisabled]="!!action.disabledReason"
          [disabled]="!!action.disabledReason || !!action.busy"
          (click)="acted.emit(action.kind); $event.stopPropagation()"
        >
          <mat-icon [svgIcon]="'hh:' + action.icon" aria-hidden="true" />
        </button>
      </span>
    }
  `,
  styles: `
    :host {
      display: inline-flex;
      align-items: center;
      gap: 0.125rem;
      white-space: nowrap;
      /* 40 px targets: compact enough for a one-line row, well above WCAG 2.2's 24 px minimum. */
      --mat-icon-button-state-layer-size: 40px;
    }
    button {
      padding: 8px;
    }
    .slot {
      display: inline-flex;
    }
    .danger:not([disabled]) {
      color: var(--mat-sys-error);
    }
  `,
})
export class RowActionsComponent {
  readonly actions = input.required<readonly RowAction[]>();
  readonly acted = output<string>();
}
