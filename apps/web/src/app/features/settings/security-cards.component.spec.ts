import type { Type } from '@angular/core';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import type { HarnessLoader } from '@angular/cdk/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import type { SessionInfo, TwoFactorStatus } from '@hh/contracts';
import { ACCOUNT_ENDPOINTS } from '../../core/auth/auth-endpoints';
import { aProblem } from '../../testing/auth-fixtures';
import { SessionsCardComponent } from './sessions-card.component';
import { TwoFactorSettingsComponent } from './two-factor-settings.component';

const OFF: TwoFactorStatus = { enabled: false, enabledAt: null, recoveryCodesRemaining: 0, required: false };
const ON: TwoFactorStatus = {
  enabled: true,
  enabledAt: '2026-12-03T18:00:00.000Z',
  recoveryCodesRemaining: 10,
  required: false,
};
const CODES = Array.from({ length: 10 }, (_, i) => `abcd-efgh-jkmn-pq${String(i).padStart(2, '2')}`);

describe('Settings → Security', () => {
  // Harness interactions add up on a busy machine (the whole web suite runs on two cores).
  jest.setTimeout(30_000);

  let httpMock: HttpTestingController;
  let loader: HarnessLoader;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    httpMock = TestBed.inject(HttpTestingController);
  });
  afterEach(() => httpMock.verify());

  async function render<T>(component: Type<T>): Promise<ComponentFixture<T>> {
    const fixture = TestBed.createComponent(component);
    loader = TestbedHarnessEnvironment.loader(fixture);
    fixture.detectChanges();
    return fixture;
  }
  const click = async (text: string) => (await loader.getHarness(MatButtonHarness.with({ text }))).click();
  async function type(label: string, value: string): Promise<void> {
    const field = await loader.getHarness(MatFormFieldHarness.with({ floatingLabelText: label }));
    const control = await field.getControl(MatInputHarness);
    await control?.setValue(value);
  }

  it('sets two-factor up: QR code and key, a first code, then the recovery codes once', async () => {
    const fixture = await render(TwoFactorSettingsComponent);
    httpMock.expectOne(ACCOUNT_ENDPOINTS.mfa).flush(OFF);
    await fixture.whenStable();

    await click('Set up two-factor');
    httpMock.expectOne({ method: 'POST', url: ACCOUNT_ENDPOINTS.totp }).flush({
      secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
      otpauthUrl: 'otpauth://totp/x',
      qrCodeDataUrl: 'data:image/png;base64,AAAA',
    });
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    expect(element.querySelector('[data-testid="totp-secret"]')?.textContent).toBe('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP');
    expect(element.querySelector('img.qr')?.getAttribute('src')).toBe('data:image/png;base64,AAAA');

    await type('Code from the app', '123 456');
    await click('Turn on');
    const confirm = httpMock.expectOne({ method: 'POST', url: ACCOUNT_ENDPOINTS.totpConfirm });
    expect(confirm.request.body).toEqual({ code: '123456' });
    confirm.flush({ recoveryCodes: CODES });
    httpMock.expectOne(ACCOUNT_ENDPOINTS.mfa).flush(ON);
    await fixture.whenStable();
    expect(element.querySelectorAll('.recovery-codes li')).toHaveLength(10);

    await click('I have saved them');
    await fixture.whenStable();
    expect(element.querySelector('.recovery-codes')).toBeNull();
    expect(element.textContent).toContain('10 of 10 recovery codes left');
  });

  it('shows why a confirming code was refused, and tells an admin that two-factor is required', async () => {
    const fixture = await render(TwoFactorSettingsComponent);
    httpMock.expectOne(ACCOUNT_ENDPOINTS.mfa).flush({ ...OFF, required: true });
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    expect(element.querySelector('.required-notice')?.textContent).toMatch(/must use two-factor/);

    await click('Set up two-factor');
    httpMock
      .expectOne(ACCOUNT_ENDPOINTS.totp)
      .flush({ secret: 'JBSWY3DPEHPK3PXP', otpauthUrl: 'otpauth://totp/x', qrCodeDataUrl: 'data:image/png;base64,AA' });
    await fixture.whenStable();
    await type('Code from the app', '000000');
    await click('Turn on');
    httpMock
      .expectOne(ACCOUNT_ENDPOINTS.totpConfirm)
      .flush(
        aProblem(400, 'code is not the current code', [
          { field: 'code', message: 'is not the current code of your authenticator app' },
        ]),
        {
          status: 400,
          statusText: 'Bad Request',
        },
      );
    await fixture.whenStable();
    expect(element.textContent).toMatch(/not the current code of your authenticator app/);
  });

  it('turns two-factor off with the password and a code', async () => {
    const fixture = await render(TwoFactorSettingsComponent);
    httpMock.expectOne(ACCOUNT_ENDPOINTS.mfa).flush(ON);
    await fixture.whenStable();
    await click('Turn off');
    await type('Password', 'Lantern-Osprey-7');
    await type('Authentication or recovery code', '654321');
    await click('Turn off two-factor');
    const off = httpMock.expectOne({ method: 'DELETE', url: ACCOUNT_ENDPOINTS.mfa });
    expect(off.request.body).toEqual({ password: 'Lantern-Osprey-7', code: '654321' });
    off.flush(null, { status: 204, statusText: 'No Content' });
    httpMock.expectOne(ACCOUNT_ENDPOINTS.mfa).flush(OFF);
    await fixture.whenStable();
    expect((fixture.nativeElement as HTMLElement).textContent).toContain('Set up two-factor');
  });

  it('lists the sessions, marks this device, and signs one or all others out', async () => {
    const sessions: SessionInfo[] = [
      {
        id: 'a',
        createdAt: '2026-12-03T17:00:00.000Z',
        lastUsedAt: '2026-12-03T18:00:00.000Z',
        ipAddress: '203.0.113.7',
        userAgent: 'x',
        device: 'Chrome 131 on Windows',
        current: true,
      },
      {
        id: 'b',
        createdAt: '2026-12-02T17:00:00.000Z',
        lastUsedAt: '2026-12-02T18:00:00.000Z',
        ipAddress: null,
        userAgent: null,
        device: 'Mobile Safari 17 on iPhone',
        current: false,
      },
    ];
    const fixture = await render(SessionsCardComponent);
    httpMock.expectOne(ACCOUNT_ENDPOINTS.sessions).flush({ data: sessions });
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    expect(element.querySelectorAll('li.session')).toHaveLength(2);
    expect(element.querySelector('li.current')?.textContent).toContain('This device');
    expect(element.querySelectorAll('button.sign-out')).toHaveLength(1);

    await click('Sign out');
    httpMock
      .expectOne({ method: 'DELETE', url: `${ACCOUNT_ENDPOINTS.sessions}/b` })
      .flush(null, { status: 204, statusText: 'No Content' });
    httpMock.expectOne(ACCOUNT_ENDPOINTS.sessions).flush({ data: sessions });
    await fixture.whenStable();

    await click('Sign out all other sessions');
    httpMock
      .expectOne({ method: 'DELETE', url: ACCOUNT_ENDPOINTS.sessions })
      .flush(null, { status: 204, statusText: 'No Content' });
    httpMock.expectOne(ACCOUNT_ENDPOINTS.sessions).flush({ data: [sessions[0]] });
    await fixture.whenStable();
    expect(element.querySelectorAll('li.session')).toHaveLength(1);
  });
});
