import { createHash, timingSafeEqual } from 'node:crypto';
import { CanActivate, ExecutionContext, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AppConfig } from '../../../config/app-config';
import { APP_CONFIG } from '../../../config/config.module';

/** Compares two secrets in constant time whatever their lengths (both are hashed to 32 bytes first). */
export function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected)) && expected.length > 0;
}

/** An address as a socket reports it, comparable with the configured ones (IPv4 as an IPv4-mapped IPv6 is IPv4). */
export function normalizeAddress(address: string): string {
  const lower = address.trim().toLowerCase();
  return /^::ffff:\d+\.\d+\.\d+\.\d+$/.test(lower) ? lower.slice('::ffff:'.length) : lower;
}

/**
 * Lets only the SIP server in: the connection's own peer address (request.raw.socket.remoteAddress: never
 * X-Forwarded-For, which TRUST_PROXY would make request.ip) must be one of SIP_SERVER_ADDRESSES, and X-HH-Sip-Secret
 * must be SIP_INTERNAL_SECRET. Anyone else, and everyone in mock mode, gets the 404 of a route that does not exist.
 */
@Injectable()
export class SipServerGuard implements CanActivate {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const sip = this.config.voip.sip;
    const peer = normalizeAddress(request.raw.socket?.remoteAddress ?? '');
    const secret = request.headers['x-hh-sip-secret'];
    if (
      sip &&
      sip.serverAddresses.some((address) => normalizeAddress(address) === peer) &&
      typeof secret === 'string' &&
      sameSecret(secret, sip.internalSecret)
    ) {
      return true;
    }
    throw new NotFoundException(`Cannot ${request.method} ${request.url.split('?')[0]}`);
  }
}
