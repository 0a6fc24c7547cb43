import { inject } from '@angular/core';
import { Router, type CanActivateFn } from '@angular/router';
import { AuthStore } from './auth-store.service';
import { signInUrlTree } from './sign-in-redirect';

/** Lets signed-in users through; sends everyone else to sign in, with the wanted URL as `?returnUrl=`. */
export const authGuard: CanActivateFn = (_route, state) => {
  const store = inject(AuthStore);
  return store.isAuthenticated() || signInUrlTree(inject(Router), state.url);
};
