import { TestBed } from '@angular/core/testing';
import { fakeNotificationApi } from '../../testing/softphone';
import { NOTIFICATION_API } from './call-notifications.service';
import { NotificationPermissionComponent } from './notification-permission.component';

describe('NotificationPermissionComponent', () => {
  function render(api: typeof Notification | null, settings = true) {
    TestBed.configureTestingModule({
      imports: [NotificationPermissionComponent],
      providers: [{ provide: NOTIFICATION_API, useValue: api }],
    });
    const fixture = TestBed.createComponent(NotificationPermissionComponent);
    if (settings) {
      fixture.componentRef.setInput('label', 'Enable notifications');
      fixture.componentRef.setInput('showState', true);
    }
    fixture.detectChanges();
    const element = fixture.nativeElement as HTMLElement;
    return {
      fixture,
      state: () => element.querySelector('[data-testid="notification-state"]')?.textContent?.trim(),
      button: () => element.querySelector<HTMLButtonElement>('[data-testid="enable-notifications"]'),
    };
  }

  it('asks for the permission only from its button, and then says it is on', async () => {
    const api = fakeNotificationApi('default');
    const { fixture, state, button } = render(api);
    expect(state()).toBe('Notifications are off.');
    expect(button()?.textContent?.trim()).toBe('Enable notifications');
    expect(api.requestPermission).not.toHaveBeenCalled();

    button()?.click();
    await fixture.whenStable();
    fixture.detectChanges();
    expect(api.requestPermission).toHaveBeenCalled();
    expect(button()).toBeNull();
    expect(state()).toContain('Notifications are on');
  });

  it('says how to unblock them when the site is blocked', () => {
    const { state, button } = render(fakeNotificationApi('denied'));
    expect(button()).toBeNull();
    expect(state()).toContain('blocked for this site');
  });

  it('says when the browser cannot notify', () => {
    const { state } = render(null);
    expect(state()).toBe('This browser cannot show notifications.');
  });

  it('shows only what needs doing in the dialer', () => {
    const { state, button } = render(fakeNotificationApi('granted'), false);
    expect(state()).toBeUndefined();
    expect(button()).toBeNull();
  });
});
