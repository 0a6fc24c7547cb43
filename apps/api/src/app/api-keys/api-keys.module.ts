import { Global, Module } from '@nestjs/common';
import { API_KEY_RESOLVER } from '../../common/guards/credential-resolver';
import { ApiKeyRepository } from './api-key.repository';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysService } from './api-keys.service';

/** Global: the authentication guard resolves API keys on every request through API_KEY_RESOLVER, bound here. */
@Global()
@Module({
  controllers: [ApiKeysController],
  providers: [ApiKeysService, ApiKeyRepository, { provide: API_KEY_RESOLVER, useExisting: ApiKeysService }],
  exports: [ApiKeysService, API_KEY_RESOLVER],
})
export class ApiKeysModule {}
