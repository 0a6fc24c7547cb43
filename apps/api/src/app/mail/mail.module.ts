import { Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { JobsModule } from '../jobs/jobs.module';
import { AdminMailController } from './admin-mail.controller';
import { MailOutboxRepository } from './mail-outbox.repository';
import { MailTransport, SmtpMailTransport } from './mail-transport';
import { MailService } from './mail.service';

/**
 * Outgoing mail: the mail_outbox table (MailOutboxRepository), the 'mail.send' job that delivers it over SMTP
 * (nodemailer, SMTP_URL), and the admins' view of the outbox (GET /admin/mail). Features queue messages through
 * MailService in their own transactions.
 */
@Module({
  imports: [JobsModule],
  controllers: [AdminMailController],
  providers: [
    MailOutboxRepository,
    MailService,
    {
      provide: MailTransport,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): MailTransport | null =>
        config.mail.smtpUrl ? new SmtpMailTransport(config.mail.smtpUrl) : null,
    },
  ],
  exports: [MailService],
})
export class MailModule {}
