import { randomInt } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { passwordRuleViolations } from '@hh/contracts';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { withDeadlockRetry } from '../../common/database/deadlock-retry';
import { isDuplicateEntry } from '../../common/errors/database-errors';
import { ProblemException } from '../../common/errors/problem.exception';
import { ActivityService } from '../activity/activity.service';
import { PasswordHasher } from './password-hasher';
import { UsersService } from '../users/users.service';

export interface BootstrapOutcome {
  created: boolean;
  email: string;
  /** Only when the password was generated: printed once, never stored in clear. */
  generatedPassword?: string;
}

/**
 * First start: when no admin exists, creates one from ADMIN_EMAIL and ADMIN_PASSWORD, or with a random password
 * printed once to the log. There is no well-known default password.
 */
@Injectable()
export class FirstAdminService {
  private readonly logger = new Logger('FirstAdmin');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: UsersService,
    private readonly hasher: PasswordHasher,
    private readonly activity: ActivityService,
  ) {}

  async ensureAdmin(): Promise<BootstrapOutcome> {
    const email = this.config.admin.email;
    if (await this.users.adminExists()) return { created: false, email };
    const generatedPassword = this.config.admin.password ? undefined : generatePassword();
    const password = this.config.admin.password ?? generatedPassword ?? '';
    const passwordHash = await this.hasher.hash(password);
    try {
      // Instances starting together can deadlock on the email's unique key: the retry then meets the duplicate.
      await withDeadlockRetry(() =>
        this.dataSource.transaction(async (em) => {
          const admin = await this.users.create(
            { name: 'Administrator', email, passwordHash, role: 'admin', status: 'active' },
            em,
          );
          await this.activity.record(
            {
              action: 'admin_bootstrapped',
              userId: admin.id,
              entityType: 'user',
              entityId: admin.id,
              details: { email },
            },
            em,
          );
        }),
      );
    } catch (error) {
      // Another instance created it a moment ago, or a non-admin already holds this email.
      if ((error instanceof ProblemException && error.getStatus() === 409) || isDuplicateEntry(error)) {
        if (!(await this.users.adminExists())) {
          this.logger.error(
            `No admin exists and ADMIN_EMAIL ${email} belongs to a non-admin account; set another ADMIN_EMAIL`,
          );
        }
        return { created: false, email };
      }
      throw error;
    }
    return { created: true, email, generatedPassword };
  }
}

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

function generatePassword(): string {
  for (;;) {
    const candidate = Array.from({ length: 20 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    if (passwordRuleViolations(candidate).length === 0) return candidate;
  }
}
