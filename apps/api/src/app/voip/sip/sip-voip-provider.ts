import { conflict } from '../../../common/errors/problem.exception';
import type { PlacedCall, VoipProvider } from '../voip-provider';
import { KamailioRpc } from './kamailio-rpc';
import { dialogCallId, sipUserOf } from './sip-identity';

/**
 * Real calls through Kamailio (docs/telephony.md). The API never sends SIP itself: a call placed through the API is
 * dialled by the user's softphone (its INVITE's Call-ID becomes the call's sid when Kamailio asks to authorize it),
 * status changes come back through the sip_events inbox (SipEventInbox), and a hang-up asks Kamailio to end the
 * dialog over JSON-RPC.
 */
export class SipVoipProvider implements VoipProvider {
  readonly name = 'sip';
  readonly plansCalls = false;

  constructor(
    private readonly rpc: KamailioRpc,
    private readonly domain: string,
  ) {}

  async placeCall(): Promise<PlacedCall> {
    return { callSid: null, plan: null };
  }

  async hangup(callSid: string): Promise<void> {
    await this.rpc.endDialog(dialogCallId(callSid));
  }

  async sendDigits(): Promise<void> {
    throw conflict(
      "Digits travel in the call's audio (RFC 4733) from the softphone: send them from the dialer's keypad during the call",
    );
  }

  softphoneOnline(userId: number): Promise<boolean> {
    return this.rpc.isRegistered(`${sipUserOf(userId)}@${this.domain}`);
  }
}
