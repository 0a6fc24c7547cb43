import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { Title } from '@angular/platform-browser';
import { provideRouter, Router, TitleStrategy } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { APP_ROUTES, type User } from '@hh/contracts';
import { tokenInterceptor } from './core/http/token.interceptor';
import { providePortalIcons } from './core/icons/portal-icons';
import { PortalTitleStrategy } from './core/layout/portal-title.strategy';
import { aUser } from './testing/auth-fixtures';
import { provideFakeLiveEvents } from './testing/live-events';
import { startTestSession } from './testing/session';
import { appRoutes } from './app.routes';

describe('appRoutes', () => {
  let harness: RouterTestingHarness;

  async function visit(url: string): Promise<{ url: string; title: string; text: string }> {
    await harness.navigateByUrl(url);
    await harness.fixture.whenStable();
    return {
      url: TestBed.inject(Router).url,
      title: TestBed.inject(Title).getTitle(),
      text: (harness.fixture.nativeElement as HTMLElement).textContent ?? '',
    };
  }

  function signInAs(user: User): void {
    startTestSession(user);
  }

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([tokenInterceptor])),
        provideHttpClientTesting(),
        provideRouter(appRoutes),
        { provide: TitleStrategy, useExisting: PortalTitleStrategy },
        providePortalIcons(),
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
        provideFakeLiveEvents(),
      ],
    });
    harness = await RouterTestingHarness.create();
  });

  afterEach(() => {
    const httpMock = TestBed.inject(HttpTestingController);
    // Pages load their own data (numbers, calls, stats); this spec is about routing, so those loads stay unanswered.
    httpMock.match((request) => request.method === 'GET' && !request.url.startsWith('/api/v1/auth/'));
    httpMock.verify();
  });

  it('shows the landing page with its "Client Portal" link at /', async () => {
    const page = await visit('/');
    const portalLink = Array.from((harness.fixture.nativeElement as HTMLElement).querySelectorAll('a')).find(
      (link) => link.textContent?.trim() === 'Client Portal',
    );

    expect(page.title).toBe('Hardhat Hosting VoIP');
    expect(portalLink?.getAttribute('href')).toBe('/voip/auth');
  });

  it('sends a signed-out visitor of a portal page to sign in, keeping the page as returnUrl', async () => {
    const page = await visit('/voip/calls');

    expect(page.url).toBe('/voip/auth?returnUrl=%2Fvoip%2Fcalls');
    expect(page.title).toBe('Sign in · Hardhat Hosting VoIP');
  });

  it('redirects an unknown portal address to the dashboard, and any other to the landing page', async () => {
    signInAs(aUser());
    expect((await visit('/voip/no-such-page')).url).toBe('/voip/dashboard');
    expect((await visit('/nowhere')).url).toBe('/');
  });

  it('titles the document and the header from the route table', async () => {
    signInAs(aUser());
    const page = await visit('/voip/dashboard');

    expect(page.title).toBe('Dashboard · Hardhat Hosting VoIP');
    expect((harness.fixture.nativeElement as HTMLElement).querySelector('.page-title')?.textContent?.trim()).toBe(
      'Dashboard',
    );
  });

  it('keeps clients out of the admin console', async () => {
    signInAs(aUser({ role: 'client' }));
    expect((await visit('/voip/admin/users')).url).toBe('/voip/dashboard');
  });

  it('gives the admin console one link per section, so links stay unambiguous by name', async () => {
    signInAs(aUser({ role: 'admin' }));
    await visit('/voip/admin');
    const names = Array.from((harness.fixture.nativeElement as HTMLElement).querySelectorAll('a')).map((link) =>
      link.textContent?.trim(),
    );

    expect(names.filter((name) => name?.includes('Users'))).toEqual(['Users']);
  });

  it('sends a signed-in user away from the sign-in page to their home', async () => {
    signInAs(aUser({ role: 'admin' }));
    expect((await visit('/voip/auth')).url).toBe('/voip/admin');
  });

  it.each(Object.entries(APP_ROUTES).filter(([name]) => name !== 'home' && name !== 'auth'))(
    'serves %s to an admin with its title',
    async (_name, route) => {
      signInAs(aUser({ role: 'admin' }));
      const page = await visit(route.path);

      expect(page.url).toBe(route.path);
      expect(page.title).toBe(`${route.title} · Hardhat Hosting VoIP`);
      expect((harness.fixture.nativeElement as HTMLElement).querySelector('main h1')).not.toBeNull();
    },
  );
});
