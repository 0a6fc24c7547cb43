/** The web app's routes: one table for paths, links and titles, so no URL string is scattered in templates. */
export interface AppRoute {
  path: string;
  title: string;
}

export const APP_ROUTES = {
  home: { path: '/', title: 'Hardhat Hosting' },
  auth: { path: '/voip/auth', title: 'Sign in' },
  verifyEmail: { path: '/voip/verify-email', title: 'Confirm your e-mail address' },
  forgotPassword: { path: '/voip/forgot-password', title: 'Forgot password' },
  resetPassword: { path: '/voip/reset-password', title: 'Choose a new password' },
  dashboard: { path: '/voip/dashboard', title: 'Dashboard' },
  dialer: { path: '/voip/dialer', title: 'Dialer' },
  calls: { path: '/voip/calls', title: 'Call history' },
  contacts: { path: '/voip/contacts', title: 'Contacts' },
  numbers: { path: '/voip/numbers', title: 'My numbers' },
  requestNumber: { path: '/voip/request-number', title: 'Request a number' },
  apiKeys: { path: '/voip/api-keys', title: 'API keys' },
  settings: { path: '/voip/settings', title: 'Settings' },
  admin: { path: '/voip/admin', title: 'Admin dashboard' },
  adminUsers: { path: '/voip/admin/users', title: 'Users' },
  adminNumbers: { path: '/voip/admin/numbers', title: 'Number inventory' },
  adminRequests: { path: '/voip/admin/requests', title: 'Number requests' },
  adminAnalytics: { path: '/voip/admin/analytics', title: 'Analytics' },
  adminActivity: { path: '/voip/admin/activity', title: 'Activity log' },
  adminRecordings: { path: '/voip/admin/recordings', title: 'Recordings' },
  adminMail: { path: '/voip/admin/mail', title: 'Mail outbox' },
} as const satisfies Record<string, AppRoute>;

export type AppRouteName = keyof typeof APP_ROUTES;
