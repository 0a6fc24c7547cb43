/**
 * How the portal's users and calls are named on the SIP side (docs/telephony.md): the pure rules, shared by the
 * provider, the credentials, the authorize endpoint and the event inbox.
 */

/** A portal user's SIP user: u<userId>. */
export function sipUserOf(userId: number): string {
  return `u${userId}`;
}

/** The user id of a SIP user `u<id>`; null for anything else (a number, a foreign name, a leading zero). */
export function userIdOfSipUser(sipUser: string): number | null {
  const match = /^u([1-9]\d{0,9})$/.exec(sipUser);
  if (!match) return null;
  const id = Number(match[1]);
  return id <= 2_147_483_647 ? id : null;
}

/** The suffix of the callee's leg: its call row's sid is the dialog's Call-ID + this. */
export const CALLEE_LEG_SUFFIX = ';in';

/** The sid of the callee's row for a dialog. */
export function calleeSid(callId: string): string {
  return `${callId}${CALLEE_LEG_SUFFIX}`;
}

/** The dialog's Call-ID behind a call row's sid (either leg). */
export function dialogCallId(callSid: string): string {
  return callSid.endsWith(CALLEE_LEG_SUFFIX) ? callSid.slice(0, -CALLEE_LEG_SUFFIX.length) : callSid;
}
