import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import type { UserRole } from '@hh/contracts';
import { providePortalIcons } from '../icons/portal-icons';
import { aUser } from '../../testing/auth-fixtures';
import { startTestSession } from '../../testing/session';
import { PortalSidebarComponent } from './portal-sidebar.component';

async function renderSidebarFor(role: UserRole) {
  startTestSession(aUser({ role }));
  const fixture = TestBed.createComponent(PortalSidebarComponent);
  await fixture.whenStable();
  const element = fixture.nativeElement as HTMLElement;
  const links = Array.from(element.querySelectorAll<HTMLAnchorElement>('a'));
  return {
    fixture,
    element,
    links: links.map((link) => ({ name: link.textContent?.trim(), href: link.getAttribute('href') })),
    groups: Array.from(element.querySelectorAll('h2')).map((heading) => heading.textContent?.trim()),
  };
}

describe('PortalSidebarComponent', () => {
  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [PortalSidebarComponent],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([{ path: '**', children: [] }]),
        providePortalIcons(),
      ],
    });
  });

  it('shows a client the client entries, each linking to its page', async () => {
    const { links, groups } = await renderSidebarFor('client');

    expect(groups).toEqual(['Client portal']);
    expect(links).toEqual([
      { name: 'Dashboard', href: '/voip/dashboard' },
      { name: 'Dialer', href: '/voip/dialer' },
      { name: 'Call history', href: '/voip/calls' },
      { name: 'Contacts', href: '/voip/contacts' },
      { name: 'My numbers', href: '/voip/numbers' },
      { name: 'Request a number', href: '/voip/request-number' },
      { name: 'API keys', href: '/voip/api-keys' },
      { name: 'Settings', href: '/voip/settings' },
    ]);
  });

  it('shows an admin the admin entries and, in a second group, the client entries', async () => {
    const { links, groups } = await renderSidebarFor('admin');

    expect(groups).toEqual(['Administration', 'Client portal']);
    expect(links.map((link) => link.href)).toEqual([
      '/voip/admin',
      '/voip/admin/users',
      '/voip/admin/numbers',
      '/voip/admin/requests',
      '/voip/admin/analytics',
      '/voip/admin/activity',
      '/voip/admin/recordings',
      '/voip/admin/mail',
      '/voip/dashboard',
      '/voip/dialer',
      '/voip/calls',
      '/voip/contacts',
      '/voip/numbers',
      '/voip/request-number',
      '/voip/api-keys',
      '/voip/settings',
    ]);
  });

  it('marks the current page for assistive technology', async () => {
    const { fixture, element } = await renderSidebarFor('admin');
    await TestBed.inject(Router).navigateByUrl('/voip/admin/users');
    await fixture.whenStable();

    const current = Array.from(element.querySelectorAll('a[aria-current="page"]')).map((link) =>
      link.textContent?.trim(),
    );
    // The admin dashboard matches its path exactly, so it is not "current" on its sub-pages.
    expect(current).toEqual(['Users']);
  });

  it('has a labelled navigation landmark', async () => {
    const { element } = await renderSidebarFor('client');
    expect(element.querySelector('nav')?.getAttribute('aria-label')).toBe('Portal');
  });
});
