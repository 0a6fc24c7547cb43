import { provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
import {
  type ApplicationConfig,
  provideBrowserGlobalErrorListeners,
  provideZonelessChangeDetection,
} from '@angular/core';
import { provideRouter, TitleStrategy, withComponentInputBinding, withInMemoryScrolling } from '@angular/router';
import { provideSessionRestore } from './core/auth/session-restore';
import { tokenInterceptor } from './core/http/token.interceptor';
import { provideLiveEvents } from './core/live-events/live-events.service';
import { providePortalIcons } from './core/icons/portal-icons';
import { PortalTitleStrategy } from './core/layout/portal-title.strategy';
import { appRoutes } from './app.routes';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    provideHttpClient(withFetch(), withInterceptors([tokenInterceptor])),
    provideRouter(appRoutes, withComponentInputBinding(), withInMemoryScrolling({ scrollPositionRestoration: 'top' })),
    { provide: TitleStrategy, useExisting: PortalTitleStrategy },
    providePortalIcons(),
    provideSessionRestore(),
    provideLiveEvents(),
  ],
};
