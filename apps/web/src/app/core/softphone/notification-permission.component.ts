import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { CallNotificationsService } from './call-notifications.service';

/**
 * System notifications for calls that ring while the portal's tab is hidden: the button that asks the browser
 * (never on load: browsers ignore or penalise that), or why there are none. The dialer shows it compact (only what
 * needs doing); Settings also states the current permission.
 */
@Component({
  selector: 'hh-notification-permission',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule],
  template: `
    @switch (notifications.permission()) {
      @case ('default') {
        @if (showState()) {
          <p class="muted hint" data-testid="notification-state">Notifications are off.</p>
        }
        <button mat-button type="button" data-testid="enable-notifications" (click)="notifications.requestPermission()">
          {{ label() }}
        </button>
      }
      @case ('denied') {
        <p class="muted hint" data-testid="notification-state">
          Notifications are blocked for this site; allow them in the browser's site settings.
        </p>
      }
      @case ('granted') {
        @if (showState()) {
          <p class="muted hint" data-testid="notification-state">
            Notifications are on: a call that rings while the portal's tab is hidden shows a system notification.
          </p>
        }
      }
      @default {
        @if (showState()) {
          <p class="muted hint" data-testid="notification-state">This browser cannot show notifications.</p>
        }
      }
    }
  `,
  styles: `
    :host {
      display: contents;
    }
    .hint {
      margin: 0;
      font: var(--mat-sys-body-small);
    }
  `,
})
export class NotificationPermissionComponent {
  protected readonly notifications = inject(CallNotificationsService);
  /** The button's text. */
  readonly label = input('Notify me of incoming calls');
  /** Also say what the permission is when there is nothing to do (Settings). */
  readonly showState = input(false);
}
