import { APP_ROUTES } from '@hh/contracts';
import { navigationFor } from './portal-navigation';

const titles = (role: Parameters<typeof navigationFor>[0]) =>
  navigationFor(role).map((group) => ({
    label: group.label,
    entries: group.entries.map((entry) => entry.route.title),
  }));

const CLIENT_TITLES = [
  'Dashboard',
  'Dialer',
  'Call history',
  'Contacts',
  'My numbers',
  'Request a number',
  'API keys',
  'Settings',
];

describe('navigationFor', () => {
  it('gives clients the client portal only', () => {
    expect(titles('client')).toEqual([{ label: 'Client portal', entries: CLIENT_TITLES }]);
  });

  it('gives admins the admin console first and the client portal as a second group', () => {
    expect(titles('admin')).toEqual([
      {
        label: 'Administration',
        entries: [
          'Admin dashboard',
          'Users',
          'Number inventory',
          'Number requests',
          'Analytics',
          'Activity log',
          'Recordings',
          'Mail outbox',
        ],
      },
      { label: 'Client portal', entries: CLIENT_TITLES },
    ]);
  });

  it('gives nothing to nobody', () => {
    expect(navigationFor(null)).toEqual([]);
  });

  it('links only to routes of the typed route table', () => {
    const known = new Set<string>(Object.values(APP_ROUTES).map((route) => route.path));
    for (const group of navigationFor('admin')) {
      for (const entry of group.entries) {
        expect(known.has(entry.route.path)).toBe(true);
      }
    }
  });
});
