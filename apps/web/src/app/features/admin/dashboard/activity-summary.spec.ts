import type { AdminActivityLog } from '@hh/contracts';
import { describeActivity, newestActivity } from './activity-summary';

function anEntry(overrides: Partial<AdminActivityLog> = {}): AdminActivityLog {
  return {
    id: 1,
    userId: 3,
    action: 'signup',
    entityType: 'user',
    entityId: 3,
    details: null,
    ipAddress: null,
    userAgent: null,
    createdAt: '2026-11-24T10:00:00.000Z',
    user: null,
    entityUser: null,
    ...overrides,
  };
}

describe('describeActivity', () => {
  it.each<[Partial<AdminActivityLog>, string, string]>([
    [{ action: 'signup', details: { email: 'john@example.com' } }, 'User signup', 'john@example.com'],
    [
      {
        action: 'call_initiated',
        entityType: 'call',
        entityId: 9,
        details: { fromNumber: '+19096874971', toNumber: '+15005550004' },
      },
      'New call',
      'to (500) 555-0004',
    ],
    [
      { action: 'call_ended', entityType: 'call', entityId: 9, details: { status: 'completed', durationSeconds: 30 } },
      'Call ended',
      'call #9: Completed · 0:30',
    ],
    [
      { action: 'call_ended', entityType: 'call', entityId: 10, details: { status: 'no_answer', durationSeconds: 0 } },
      'Call ended',
      'call #10: No answer',
    ],
    [
      { action: 'number_assigned', entityType: 'phone_number', entityId: 4, details: { phoneNumber: '+19096874971' } },
      'Number assigned',
      '(909) 687-4971',
    ],
    [
      { action: 'user_status_changed', entityId: 7, details: { from: 'pending', to: 'active' } },
      'Status changed',
      'user #7: pending → active',
    ],
    [
      { action: 'numbers_imported', entityId: null, details: { created: 5, skipped: 2 } },
      'Numbers imported',
      '5 created, 2 skipped',
    ],
    [
      { action: 'key_created', entityType: 'api_key', details: { keyName: 'CRM', prefix: 'hh_live_ab' } },
      'API key created',
      'CRM',
    ],
    [
      { action: 'request_approved', entityType: 'number_request', entityId: 12, details: { requesterId: 3 } },
      'Request approved',
      'number request #12',
    ],
    [{ action: 'login', details: null }, 'Sign-in', 'user #3'],
    [{ action: 'something_new', entityType: null, details: null }, 'something new', ''],
  ])('%j → %s: %s', (entry, title, subject) => {
    expect(describeActivity(anEntry(entry))).toEqual({ title, subject });
  });

  it('names the user the entry is about by the name it carries (entityUser), by id when there is none', () => {
    const changed = anEntry({
      action: 'user_status_changed',
      entityType: 'user',
      entityId: 7,
      details: { from: 'pending', to: 'active' },
      entityUser: { id: 7, name: 'Ada Lovelace', email: 'ada@example.com' },
    });
    expect(describeActivity(changed).subject).toBe('Ada Lovelace: pending → active');
    expect(describeActivity({ ...changed, entityId: 8, entityUser: null }).subject).toBe('user #8: pending → active');
  });
});

describe('newestActivity', () => {
  it('keeps the newest entries of both lists, newest first, each once', () => {
    const shown = [anEntry({ id: 5 }), anEntry({ id: 4 }), anEntry({ id: 3 })];
    const merged = newestActivity(shown, [anEntry({ id: 6 }), anEntry({ id: 5 })], 3);
    expect(merged.map((entry) => entry.id)).toEqual([6, 5, 4]);
  });
});
