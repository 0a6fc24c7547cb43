import { aCall } from '../../testing/call-fixtures';
import { mergeCallUpdate } from './call-list-updates';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 24, 10, minute)).toISOString();

describe('mergeCallUpdate', () => {
  const list = [
    aCall({ id: 3, startTime: at(30) }),
    aCall({ id: 2, startTime: at(20) }),
    aCall({ id: 1, startTime: at(10) }),
  ];

  it('replaces a call in place', () => {
    const next = mergeCallUpdate(list, aCall({ id: 2, startTime: at(20), notes: 'Called back' }), { insertNew: false });
    expect(next.map((call) => call.id)).toEqual([3, 2, 1]);
    expect(next[1].notes).toBe('Called back');
  });

  it('ignores an update that would move a call backwards', () => {
    const ringing = aCall({ id: 3, startTime: at(30), status: 'ringing' });
    expect(mergeCallUpdate(list, ringing, { insertNew: true })).toBe(list);
  });

  it('inserts a new call by start time and keeps the limit', () => {
    const next = mergeCallUpdate(list, aCall({ id: 4, startTime: at(40), status: 'initiated' }), {
      insertNew: true,
      limit: 3,
    });
    expect(next.map((call) => call.id)).toEqual([4, 3, 2]);
  });

  it('leaves out calls older than a full list, and unknown calls when not inserting', () => {
    expect(mergeCallUpdate(list, aCall({ id: 0, startTime: at(0) }), { insertNew: true, limit: 3 })).toBe(list);
    expect(mergeCallUpdate(list, aCall({ id: 9, startTime: at(50) }), { insertNew: false })).toBe(list);
  });
});
