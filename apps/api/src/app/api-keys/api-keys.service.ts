import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { canUseTelephony } from '@hh/contracts';
import { Clock } from '../../common/clock';
import { conflict, fieldError, forbidden, notFound, unauthorized } from '../../common/errors/problem.exception';
import type { ClientContext } from '../../common/http/client-context';
import type { Principal } from '../../common/guards/principal';
import { ActivityService } from '../activity/activity.service';
import { UserEntity } from '../users/user.entity';
import { ApiKeyEntity } from './api-key.entity';
import { DISPLAY_PREFIX_LENGTH, generateApiKey, hashApiKey, looksLikeApiKey } from './api-key-secret';
import { ApiKeyDto, CreateApiKeyDto, CreatedApiKeyDto, toApiKeyDto } from './dto/api-key.dto';

export const MAX_ACTIVE_KEYS = 10;

@Injectable()
export class ApiKeysService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly activity: ActivityService,
  ) {}

  async list(userId: number): Promise<{ data: ApiKeyDto[] }> {
    const rows = await this.dataSource.getRepository(ApiKeyEntity).find({ where: { userId }, order: { id: 'DESC' } });
    const now = this.clock.now();
    return { data: rows.map((row) => toApiKeyDto(row, now)) };
  }

  async create(principal: Principal, dto: CreateApiKeyDto, client: ClientContext): Promise<CreatedApiKeyDto> {
    if (!canUseTelephony(principal.status)) {
      throw forbidden('Your account is awaiting approval; API keys unlock once an admin approves it');
    }
    const now = this.clock.now();
    const expirationDate = dto.expiresAt ? new Date(dto.expiresAt) : null;
    if (expirationDate && expirationDate <= now) throw fieldError('expiresAt', 'must be in the future');
    const key = generateApiKey();
    const row = await this.dataSource.transaction(async (em) => {
      // Lock the owner's row so two concurrent creations cannot both pass the limit.
      await em
        .getRepository(UserEntity)
        .createQueryBuilder('u')
        .setLock('pessimistic_write')
        .where('u.id = :id', { id: principal.userId })
        .getOne();
      const active = await em
        .getRepository(ApiKeyEntity)
        .createQueryBuilder('k')
        .where("k.userId = :userId AND k.status = 'active' AND (k.expirationDate IS NULL OR k.expirationDate > :now)", {
          userId: principal.userId,
          now,
        })
        .getCount();
      if (active >= MAX_ACTIVE_KEYS)
        throw conflict(`You already have ${MAX_ACTIVE_KEYS} active keys; revoke one first`);
      const entity = em.getRepository(ApiKeyEntity).create({
        userId: principal.userId,
        keyName: dto.keyName ?? 'Default Key',
        keyHash: hashApiKey(key),
        prefix: key.slice(0, DISPLAY_PREFIX_LENGTH),
        creationDate: now,
        expirationDate,
        status: 'active',
        lastUsed: null,
        usageCount: 0,
      });
      await em.getRepository(ApiKeyEntity).insert(entity);
      await this.activity.record(
        {
          action: 'key_created',
          userId: principal.userId,
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

  async revoke(principal: Principal, id: number, client: ClientContext): Promise<void> {
    const row = await this.dataSource.getRepository(ApiKeyEntity).findOneBy({ id, userId: principal.userId });
    if (!row) throw notFound('API key');
    if (row.status === 'revoked') return;
    await this.dataSource.transaction(async (em) => {
      await em.getRepository(ApiKeyEntity).update({ id }, { status: 'revoked' });
      await this.activity.record(
        {
          action: 'key_revoked',
          userId: principal.userId,
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
  async revokeAllOfUser(userId: number, em: EntityManager = this.dataSource.manager): Promise<number> {
    const result = await em.getRepository(ApiKeyEntity).update({ userId, status: 'active' }, { status: 'revoked' });
    return result.affected ?? 0;
  }

  /**
   * The principal an API key stands for. Unknown, revoked and expired keys: 401; a suspended owner: 403.
   * Each use bumps lastUsed and usageCount.
   */
  async authenticate(key: string): Promise<Principal> {
    if (!looksLikeApiKey(key)) throw unauthorized('The API key is invalid');
    const row = await this.dataSource.getRepository(ApiKeyEntity).findOne({ where: { keyHash: hashApiKey(key) } });
    if (!row) throw unauthorized('The API key is invalid');
    const principal = await this.principalOf(row);
    await this.dataSource.query('UPDATE api_keys SET usage_count = usage_count + 1, last_used = ? WHERE id = ?', [
      this.clock.now(),
      row.id,
    ]);
    return principal;
  }

  /**
   * The principal of the key with this id, re-read with the checks of authenticate() (an open live-update stream
   * asks at each heartbeat; not counted as a use). Throws the same 401/403 problems once the key no longer works.
   */
  async principalOfKey(id: number): Promise<Principal> {
    const row = await this.dataSource.getRepository(ApiKeyEntity).findOneBy({ id });
    if (!row) throw unauthorized('The API key is invalid');
    return this.principalOf(row);
  }

  private async principalOf(row: ApiKeyEntity): Promise<Principal> {
    const now = this.clock.now();
    if (row.status === 'revoked') throw unauthorized('The API key has been revoked');
    if (row.status === 'expired' || (row.expirationDate && row.expirationDate <= now)) {
      if (row.status !== 'expired')
        await this.dataSource.getRepository(ApiKeyEntity).update({ id: row.id }, { status: 'expired' });
      throw unauthorized('The API key has expired');
    }
    const owner = await this.dataSource.getRepository(UserEntity).findOneBy({ id: row.userId });
    if (!owner) throw unauthorized('The API key is invalid');
    if (owner.status === 'suspended') throw forbidden('The account that owns this API key is suspended');
    return {
      userId: owner.id,
      name: owner.name,
      email: owner.email,
      role: owner.role,
      status: owner.status,
      via: 'api-key',
      apiKeyId: row.id,
    };
  }
}
