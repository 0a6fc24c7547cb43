import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { canUseTelephony, LIMITS } from '@hh/contracts';
import type { AuditContext } from '../../common/audit/audit-context';
import { Clock } from '../../common/clock';
import { conflict, fieldError, forbidden, notFound, unauthorized } from '../../common/errors/problem.exception';
import type { ApiKeyResolver } from '../../common/guards/credential-resolver';
import { Principal, principalOf } from '../../common/guards/principal';
import { ActivityService } from '../activity/activity.service';
import { UsersService } from '../users/users.service';
import { ApiKeyEntity } from './api-key.entity';
import { ApiKeyRepository } from './api-key.repository';
import { DISPLAY_PREFIX_LENGTH, generateApiKey, hashApiKey, looksLikeApiKey } from './api-key-secret';
import { ApiKeyDto, CreateApiKeyDto, CreatedApiKeyDto, toApiKeyDto } from './dto/api-key.dto';

/** The rules of API keys: who may create them, how many may be active, and what a presented key stands for. */
@Injectable()
export class ApiKeysService implements ApiKeyResolver {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly keys: ApiKeyRepository,
    private readonly users: UsersService,
    private readonly clock: Clock,
    private readonly activity: ActivityService,
  ) {}

  async list(userId: number): Promise<{ data: ApiKeyDto[] }> {
    const rows = await this.keys.listOfUser(userId);
    const now = this.clock.now();
    return { data: rows.map((row) => toApiKeyDto(row, now)) };
  }

  async create(dto: CreateApiKeyDto, { actor, client }: AuditContext): Promise<CreatedApiKeyDto> {
    if (!canUseTelephony(actor.status)) {
      throw forbidden('Your account is awaiting approval; API keys unlock once an admin approves it');
    }
    const now = this.clock.now();
    const expirationDate = dto.expiresAt ? new Date(dto.expiresAt) : null;
    if (expirationDate && expirationDate <= now) throw fieldError('expiresAt', 'must be in the future');
    const key = generateApiKey();
    const row = await this.dataSource.transaction(async (em) => {
      // Lock the owner's row so two concurrent creations cannot both pass the limit.
      await this.users.lock(actor.userId, 'write', em);
      if ((await this.keys.countActive(actor.userId, now, em)) >= LIMITS.activeApiKeys) {
        throw conflict(`You already have ${LIMITS.activeApiKeys} active keys; revoke one first`);
      }
      const entity = await this.keys.insert(
        {
          userId: actor.userId,
          keyName: dto.keyName ?? 'Default Key',
          keyHash: hashApiKey(key),
          prefix: key.slice(0, DISPLAY_PREFIX_LENGTH),
          creationDate: now,
          expirationDate,
          status: 'active',
          lastUsed: null,
          usageCount: 0,
        },
        em,
      );
      await this.activity.record(
        {
          action: 'key_created',
          userId: actor.userId,
          entityType: 'api_key',
          entityId: entity.id,
          details: { keyName: entity.keyName, prefix: entity.prefix },
          client,
        },
        em,
      );
      return entity;
    });
    return { ...toApiKeyDto(row, now), key };
  }

  async revoke(id: number, { actor, client }: AuditContext): Promise<void> {
    const row = await this.keys.findOfUser(id, actor.userId);
    if (!row) throw notFound('API key');
    if (row.status === 'revoked') return;
    await this.dataSource.transaction(async (em) => {
      await this.keys.setStatus(id, 'revoked', em);
      await this.activity.record(
        {
          action: 'key_revoked',
          userId: actor.userId,
          entityType: 'api_key',
          entityId: id,
          details: { prefix: row.prefix },
          client,
        },
        em,
      );
    });
  }

  /** Revokes every active key of the user (a password change may ask for it); returns how many. */
  async revokeAllOfUser(userId: number, em?: EntityManager): Promise<number> {
    return this.keys.revokeAllOfUser(userId, em);
  }

  /**
   * The principal an API key stands for. Unknown, revoked and expired keys: 401; a suspended owner: 403.
   * Each use bumps lastUsed and usageCount.
   */
  async resolveApiKey(key: string): Promise<Principal> {
    if (!looksLikeApiKey(key)) throw unauthorized('The API key is invalid');
    const row = await this.keys.findByHash(hashApiKey(key));
    if (!row) throw unauthorized('The API key is invalid');
    const principal = await this.principalOfKey(row);
    await this.keys.recordUse(row.id, this.clock.now());
    return principal;
  }

  /**
   * The principal of the key with this id, re-read with the checks of resolveApiKey() (an open live-update stream
   * asks at each heartbeat; not counted as a use). Throws the same 401/403 problems once the key no longer works.
   */
  async resolveApiKeyById(id: number): Promise<Principal> {
    const row = await this.keys.findById(id);
    if (!row) throw unauthorized('The API key is invalid');
    return this.principalOfKey(row);
  }

  private async principalOfKey(row: ApiKeyEntity): Promise<Principal> {
    const now = this.clock.now();
    if (row.status === 'revoked') throw unauthorized('The API key has been revoked');
    if (row.status === 'expired' || (row.expirationDate && row.expirationDate <= now)) {
      if (row.status !== 'expired') await this.keys.setStatus(row.id, 'expired');
      throw unauthorized('The API key has expired');
    }
    const owner = await this.users.findById(row.userId);
    if (!owner) throw unauthorized('The API key is invalid');
    if (owner.status === 'suspended') throw forbidden('The account that owns this API key is suspended');
    return principalOf(owner, { via: 'api-key', apiKeyId: row.id });
  }
}
