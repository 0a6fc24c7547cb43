import { inject, provideAppInitializer, type EnvironmentProviders } from '@angular/core';
import { AuthStore } from './auth-store.service';

/** Restores the session from the refresh cookie before the first navigation, so guards see a signed-in user after a reload. */
export function provideSessionRestore(): EnvironmentProviders {
  return provideAppInitializer(() => inject(AuthStore).restoreSession());
}
