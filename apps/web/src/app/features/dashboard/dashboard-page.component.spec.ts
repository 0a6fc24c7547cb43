import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { UserStatus } from '@hh/contracts';
import { providePortalIcons } from '../../core/icons/portal-icons';
import { aUser } from '../../testing/auth-fixtures';
import { startTestSession } from '../../testing/session';
import { DashboardPageComponent } from './dashboard-page.component';

async function renderFor(status: UserStatus): Promise<HTMLElement> {
  startTestSession(aUser({ name: 'Jane Doe', status }));
  const fixture = TestBed.createComponent(DashboardPageComponent);
  await fixture.whenStable();
  return fixture.nativeElement as HTMLElement;
}

const linkNames = (element: HTMLElement) =>
  Array.from(element.querySelectorAll('a')).map((link) => link.textContent?.replace(/\s+/g, ' ').trim());

describe('DashboardPageComponent', () => {
  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [DashboardPageComponent],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([]), providePortalIcons()],
    });
  });

  it('greets the user by name', async () => {
    const element = await renderFor('active');
    expect(element.querySelector('h1')?.textContent).toContain('Welcome, Jane Doe');
  });

  it('tells a pending user, as a status message, that approval is awaited and what already works', async () => {
    const element = await renderFor('pending');
    const notice = element.querySelector('[role="status"]');

    expect(notice?.textContent).toContain('Your account is awaiting approval');
    expect(notice?.textContent).toContain('Calls and API keys unlock');
    expect(notice?.querySelector('a')?.getAttribute('href')).toBe('/voip/request-number');
    expect(linkNames(element)).not.toContain('Dialer');
  });

  it('offers an active user quick actions to the dialer, number requests and API keys', async () => {
    const element = await renderFor('active');

    expect(element.querySelector('[role="status"]')).toBeNull();
    const actions = Array.from(element.querySelectorAll<HTMLAnchorElement>('.actions a')).map((link) =>
      link.getAttribute('href'),
    );
    expect(actions).toEqual(['/voip/dialer', '/voip/request-number', '/voip/api-keys']);
  });

  it('alerts a suspended user', async () => {
    const element = await renderFor('suspended');
    expect(element.querySelector('[role="alert"]')?.textContent).toContain('Your account is suspended');
    expect(element.querySelector('.actions')).toBeNull();
  });
});
