import { Injectable } from '@nestjs/common';
import type { SipAuthorizeDecision } from '@hh/contracts';
import type { ClientContext } from '../../../common/http/client-context';
import { type ProviderLegs, CallPlacementService } from '../../calls/call-placement.service';
import { CallRefused, type CallRefusalKind } from '../../calls/call-policy';
import { UsersService } from '../../users/users.service';
import type { SipAuthorizeDto } from './sip-authorize.dto';
import { calleeSid, sipUserOf, userIdOfSipUser } from './sip-identity';

/** The SIP answer to each refusal of the call policy (docs/telephony.md, "Refusal"). */
export const SIP_REFUSALS: Record<CallRefusalKind, { code: number; reason: string }> = {
  account: { code: 403, reason: 'Account may not call' },
  no_number: { code: 403, reason: 'No phone number assigned' },
  caller_id: { code: 403, reason: 'Caller ID is not yours' },
  destination: { code: 404, reason: 'Not a dialable number' },
  country: { code: 403, reason: 'Destination country not allowed' },
  rate: { code: 486, reason: 'Rate limit' },
  concurrent: { code: 486, reason: 'Too many concurrent calls' },
  spend: { code: 403, reason: 'Daily spend cap reached' },
  unknown_call: { code: 404, reason: 'Call not found' },
};

function refuse(kind: CallRefusalKind): SipAuthorizeDecision {
  return { action: 'refuse', ...SIP_REFUSALS[kind] };
}

/** The route of a dialog's rows: to the callee's softphones when a portal user receives it, else to the trunk. */
export function routeOf(legs: ProviderLegs): SipAuthorizeDecision | null {
  const { caller, callee } = legs;
  const record = caller?.recorded === true || callee?.recorded === true;
  if (callee) {
    return {
      action: 'route',
      target: 'user',
      user: sipUserOf(callee.userId),
      callerId: (caller ?? callee).fromNumber,
      calledNumber: callee.toNumber,
      calleeCallId: callee.id,
      record,
    };
  }
  return caller ? { action: 'route', target: 'trunk', callerId: caller.fromNumber, record } : null;
}

/**
 * POST /internal/sip/authorize: the SIP server asks before it routes an INVITE, and the answer is always a decision
 * (docs/telephony.md). The rules are the calls feature's (CallPlacementService, CallPolicy) — the same as POST
 * /calls — and a refusal's kind gives its SIP code. Idempotent per Call-ID: a retransmitted INVITE finds the rows
 * the first one made and gets the same route.
 */
@Injectable()
export class SipAuthorizeService {
  constructor(
    private readonly placement: CallPlacementService,
    private readonly users: UsersService,
  ) {}

  async authorize(request: SipAuthorizeDto, client: ClientContext): Promise<SipAuthorizeDecision> {
    try {
      return await this.decide(request, client);
    } catch (error) {
      if (error instanceof CallRefused) return refuse(error.kind);
      throw error;
    }
  }

  private async decide(request: SipAuthorizeDto, client: ClientContext): Promise<SipAuthorizeDecision> {
    const legSid = calleeSid(request.callId);
    const userId = request.source === 'user' ? userIdOfSipUser(request.fromUser) : null;

    // Both legs whatever the source: a Call-ID is one dialog, never a user's call and a trunk call at once.
    const existing = await this.placement.legsOf(request.callId, legSid);
    if (existing.caller || existing.callee) {
      // The same Call-ID again (a retransmitted INVITE): the same answer while the call lasts, and only for the
      // side that made it — a user's own call, or a call from the trunk.
      const route = routeOf(existing);
      const same =
        request.source === 'user'
          ? existing.caller !== null && existing.caller.userId === userId
          : existing.caller === null && existing.callee !== null;
      return route && same && !existing.final ? route : refuse('unknown_call');
    }

    if (request.source === 'trunk') {
      const legs = await this.placement.receiveForProvider({
        fromNumber: request.fromUser,
        calledNumber: request.toUser,
        calleeSid: legSid,
        client,
      });
      return routeOf(legs) ?? refuse('unknown_call');
    }

    const user = userId === null ? null : await this.users.findById(userId);
    if (!user) return refuse('account');
    const legs = request.portalCallId
      ? await this.placement.bindForProvider({
          userId: user.id,
          status: user.status,
          callId: Number(request.portalCallId),
          toNumber: request.toUser,
          callerSid: request.callId,
          calleeSid: legSid,
          client,
        })
      : await this.placement.placeForProvider({
          userId: user.id,
          status: user.status,
          toNumber: request.toUser,
          callerId: request.callerId === '' ? undefined : request.callerId,
          callerSid: request.callId,
          calleeSid: legSid,
          client,
        });
    return routeOf(legs) ?? refuse('unknown_call');
  }
}
