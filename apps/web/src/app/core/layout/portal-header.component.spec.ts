import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { MatMenuHarness } from '@angular/material/menu/testing';
import { provideRouter, Router } from '@angular/router';
import { AUTH_ENDPOINTS } from '../auth/auth-endpoints';
import { AuthStore } from '../auth/auth-store.service';
import { tokenInterceptor } from '../http/token.interceptor';
import { providePortalIcons } from '../icons/portal-icons';
import { aUser } from '../../testing/auth-fixtures';
import { startTestSession } from '../../testing/session';
import { initialsOf, PortalHeaderComponent } from './portal-header.component';

@Component({ template: '' })
class BlankPageComponent {}

describe('PortalHeaderComponent', () => {
  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [PortalHeaderComponent],
      providers: [
        provideHttpClient(withInterceptors([tokenInterceptor])),
        provideHttpClientTesting(),
        provideRouter([{ path: '**', component: BlankPageComponent }]),
        providePortalIcons(),
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
  });

  async function render() {
    startTestSession(aUser({ name: 'Jane Doe', email: 'jane@example.com' }), 'access-H');
    const fixture = TestBed.createComponent(PortalHeaderComponent);
    await fixture.whenStable();
    return { fixture, menu: await TestbedHarnessEnvironment.loader(fixture).getHarness(MatMenuHarness) };
  }

  it("shows the user's name and email on a labelled account menu button", async () => {
    const { fixture, menu } = await render();
    const button = (fixture.nativeElement as HTMLElement).querySelector('.user-button');

    // The name starts with what the button shows (WCAG 2.5.3, label in name).
    expect(button?.getAttribute('aria-label')).toBe('Jane Doe jane@example.com, account menu');
    expect(button?.textContent).toContain('Jane Doe');
    expect(button?.textContent).toContain('jane@example.com');

    await menu.open();
    expect(await Promise.all((await menu.getItems()).map((item) => item.getText()))).toEqual(['Settings', 'Sign out']);
  });

  it('signs out on the server, clears the session and goes to the sign-in page', async () => {
    const { fixture, menu } = await render();
    await menu.clickItem({ text: 'Sign out' });

    const logout = TestBed.inject(HttpTestingController).expectOne(AUTH_ENDPOINTS.logout);
    expect(logout.request.headers.get('Authorization')).toBe('Bearer access-H');
    logout.flush(null, { status: 204, statusText: 'No Content' });
    await fixture.whenStable();

    expect(TestBed.inject(AuthStore).isAuthenticated()).toBe(false);
    expect(TestBed.inject(Router).url).toBe('/voip/auth');
  });
});

describe('initialsOf', () => {
  it('takes the first and last initials', () => {
    expect(initialsOf('Jane Doe')).toBe('JD');
    expect(initialsOf('  ada  king lovelace ')).toBe('AL');
    expect(initialsOf('cher')).toBe('C');
    expect(initialsOf('')).toBe('?');
  });
});
