import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { APP_ROUTES } from '@hh/contracts';
import { BrandMarkComponent } from '../../shared/ui/brand-mark.component';
import { AUTH_QUERY_PARAMS, SIGN_UP_MODE } from '../../core/auth/auth-query-params';

interface Feature {
  icon: string;
  title: string;
  text: string;
}

/** Hardhat Hosting's public front page: what the VoIP portal is, and the way in. */
@Component({
  selector: 'hh-landing-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [BrandMarkComponent, MatButtonModule, MatIconModule, RouterLink],
  templateUrl: './landing-page.component.html',
  styleUrl: './landing-page.component.scss',
})
export class LandingPageComponent {
  protected readonly authRoute = APP_ROUTES.auth;
  protected readonly homeRoute = APP_ROUTES.home;
  protected readonly signUpQuery = { [AUTH_QUERY_PARAMS.mode]: SIGN_UP_MODE };
  protected readonly year = new Date().getFullYear();
  protected readonly features: readonly Feature[] = [
    {
      icon: 'dialpad',
      title: 'Softphone in the browser',
      text: 'Dial from any desk or job-site laptop and follow each call from ringing to hang-up, live.',
    },
    {
      icon: 'sim-card',
      title: 'Numbers on request',
      text: 'Ask for local, toll-free or mobile numbers; our team assigns them from the Hardhat Hosting inventory.',
    },
    {
      icon: 'bar-chart',
      title: 'History, costs and analytics',
      text: 'Every call with its duration and cost, searchable, exportable and charted over time.',
    },
    {
      icon: 'code',
      title: 'A REST API with keys',
      text: 'Drive the same features from your own systems with documented endpoints and revocable API keys.',
    },
  ];
}
