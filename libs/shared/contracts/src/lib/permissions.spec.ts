import { canUseTelephony, hasPermission } from './permissions';

describe('permissions', () => {
  it('lets only admins into the admin console', () => {
    expect(hasPermission('admin', 'accessAdminConsole')).toBe(true);
    expect(hasPermission('client', 'accessAdminConsole')).toBe(false);
    expect(hasPermission(null, 'accessAdminConsole')).toBe(false);
  });

  it('lets every role use the client portal', () => {
    expect(hasPermission('client', 'useClientPortal')).toBe(true);
    expect(hasPermission('admin', 'useClientPortal')).toBe(true);
  });

  it('keeps telephony to active accounts', () => {
    expect(canUseTelephony('active')).toBe(true);
    expect(canUseTelephony('pending')).toBe(false);
    expect(canUseTelephony('suspended')).toBe(false);
  });
});
