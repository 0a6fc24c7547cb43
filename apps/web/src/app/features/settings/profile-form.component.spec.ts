import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import type { HarnessLoader } from '@angular/cdk/testing';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatSnackBarHarness } from '@angular/material/snack-bar/testing';
import { ACCOUNT_ENDPOINTS } from '../../core/auth/auth-endpoints';
import type { AuthStore } from '../../core/auth/auth-store.service';
import { providePortalIcons } from '../../core/icons/portal-icons';
import { aUser } from '../../testing/auth-fixtures';
import { startTestSession } from '../../testing/session';
import { ProfileFormComponent } from './profile-form.component';

describe('ProfileFormComponent', () => {
  let loader: HarnessLoader;
  let rootLoader: HarnessLoader;
  let httpMock: HttpTestingController;
  let store: AuthStore;

  const nameInput = async () =>
    (await loader.getHarness(MatFormFieldHarness.with({ floatingLabelText: 'Name' }))).getControl(MatInputHarness);

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [ProfileFormComponent],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        providePortalIcons(),
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    httpMock = TestBed.inject(HttpTestingController);
    store = startTestSession(aUser({ name: 'Jane Doe' }));
    const fixture = TestBed.createComponent(ProfileFormComponent);
    loader = TestbedHarnessEnvironment.loader(fixture);
    rootLoader = TestbedHarnessEnvironment.documentRootLoader(fixture);
    await fixture.whenStable();
  });

  afterEach(() => httpMock.verify());

  it('starts from the stored name', async () => {
    expect(await (await nameInput())?.getValue()).toBe('Jane Doe');
  });

  it('saves the trimmed name, updates the store and confirms', async () => {
    const input = await nameInput();
    await input?.setValue('  Jane Smith ');
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Save changes' }))).click();

    const request = httpMock.expectOne(ACCOUNT_ENDPOINTS.profile);
    expect(request.request.method).toBe('PATCH');
    expect(request.request.body).toEqual({ name: 'Jane Smith' });
    request.flush(aUser({ name: 'Jane Smith' }));

    expect(store.user()?.name).toBe('Jane Smith');
    expect(await (await rootLoader.getHarness(MatSnackBarHarness)).getMessage()).toBe('Profile updated.');
  });
});
