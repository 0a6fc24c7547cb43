import type { UserEntity } from '../users/user.entity';
import type { CallEntity } from './call.entity';

/** A call with its caller joined on (GET /admin/calls). */
export type CallWithCaller = CallEntity & { user?: UserEntity | null };
