import { DOCUMENT, inject, Injectable, InjectionToken, signal } from '@angular/core';

/** The browser's Notification constructor, or null where there is none. Specs provide a fake. */
export const NOTIFICATION_API = new InjectionToken<typeof Notification | null>('NOTIFICATION_API', {
  providedIn: 'root',
  factory: () => (typeof Notification === 'undefined' ? null : Notification),
});

export type NotificationPermissionState = NotificationPermission | 'unsupported';

/**
 * System notifications for incoming calls while the portal's tab is hidden. Permission is asked only from a button
 * the user presses (browsers ignore or penalise a prompt on load), and a call's notification closes with the call.
 */
@Injectable({ providedIn: 'root' })
export class CallNotificationsService {
  private readonly api = inject(NOTIFICATION_API);
  private readonly window = inject(DOCUMENT).defaultView;
  private readonly open = new Map<number, Notification>();

  readonly permission = signal<NotificationPermissionState>(this.api ? this.api.permission : 'unsupported');

  async requestPermission(): Promise<NotificationPermissionState> {
    if (!this.api) {
      return 'unsupported';
    }
    try {
      this.permission.set(await this.api.requestPermission());
    } catch {
      this.permission.set(this.api.permission);
    }
    return this.permission();
  }

  /** Shows the call's notification when allowed; clicking it brings the portal's tab forward. */
  showIncoming(key: number, title: string, body: string): void {
    if (!this.api || this.api.permission !== 'granted') {
      return;
    }
    try {
      const notification = new this.api(title, { body, tag: `hh-incoming-call-${key}`, requireInteraction: true });
      notification.onclick = () => {
        this.window?.focus();
        notification.close();
      };
      this.open.set(key, notification);
    } catch {
      // Some mobile browsers only notify from a service worker: the panel and ringtone remain.
    }
  }

  close(key: number): void {
    this.open.get(key)?.close();
    this.open.delete(key);
  }
}
