import { CALL_STATUSES } from '@hh/contracts';
import {
  callStatusLabel,
  CALL_STATUS_LABELS,
  LIVE_CALL_STATUS_LABELS,
  callOutcome,
  callProgress,
  callStatusTone,
  callSummary,
  hangUpStatusFor,
  isFinalCallStatus,
} from './call-status';

describe('call statuses', () => {
  it('labels every status, live ones as the dialer announces them', () => {
    expect(CALL_STATUSES.map((status) => LIVE_CALL_STATUS_LABELS[status])).toEqual([
      'Calling…',
      'Ringing…',
      'In progress',
      'Completed',
      'Failed',
      'Busy',
      'No answer',
      'Canceled',
    ]);
    expect(CALL_STATUS_LABELS.initiated).toBe('Initiated');
  });

  it('shows an inbound call that rang out or was declined as missed, and an outbound one by its outcome', () => {
    expect(callStatusLabel({ direction: 'inbound', status: 'no_answer' })).toBe('Missed');
    expect(callStatusLabel({ direction: 'inbound', status: 'busy' })).toBe('Missed');
    expect(callStatusLabel({ direction: 'inbound', status: 'completed' })).toBe('Completed');
    expect(callStatusLabel({ direction: 'outbound', status: 'busy' })).toBe('Busy');
    expect(callStatusLabel({ direction: 'outbound', status: 'no_answer' })).toBe('No answer');
  });

  it('colours completed green, failed/busy/no answer red, live amber and canceled grey', () => {
    expect(callStatusTone('completed')).toBe('success');
    expect(['failed', 'busy', 'no_answer'].map((status) => callStatusTone(status as never))).toEqual([
      'danger',
      'danger',
      'danger',
    ]);
    expect(callStatusTone('ringing')).toBe('active');
    expect(callStatusTone('canceled')).toBe('neutral');
  });

  it('orders statuses so that a stale update never moves a call backwards', () => {
    expect(callProgress('initiated')).toBeLessThan(callProgress('ringing'));
    expect(callProgress('ringing')).toBeLessThan(callProgress('in_progress'));
    expect(callProgress('in_progress')).toBeLessThan(callProgress('completed'));
    expect(isFinalCallStatus('no_answer')).toBe(true);
    expect(isFinalCallStatus('in_progress')).toBe(false);
  });

  it('hangs up by canceling before the answer and completing after it', () => {
    expect(hangUpStatusFor('initiated')).toBe('canceled');
    expect(hangUpStatusFor('ringing')).toBe('canceled');
    expect(hangUpStatusFor('in_progress')).toBe('completed');
    expect(hangUpStatusFor('completed')).toBeNull();
  });

  it('sums a call up by its length when answered and by its outcome otherwise', () => {
    expect(callOutcome({ status: 'completed', durationSeconds: 30 })).toBe('Completed · 0:30');
    expect(callOutcome({ status: 'no_answer', durationSeconds: 0 })).toBe('No answer');
    expect(callSummary({ status: 'completed', durationSeconds: 154 })).toBe('2m 34s');
    expect(callSummary({ status: 'failed', durationSeconds: 0 })).toBe('Failed');
  });
});
