import { ActivityLogEntity } from '../app/activity/activity-log.entity';
import { DailyCallTotalsEntity } from '../app/analytics/daily-call-totals.entity';
import { DailyUserTotalsEntity } from '../app/analytics/daily-user-totals.entity';
import { HourlyCallTotalsEntity } from '../app/analytics/hourly-call-totals.entity';
import { HourlyUserTotalsEntity } from '../app/analytics/hourly-user-totals.entity';
import { MonthlyUserTotalsEntity } from '../app/analytics/monthly-user-totals.entity';
import { UserAnalyticsEntity } from '../app/analytics/user-analytics.entity';
import { ApiKeyEntity } from '../app/api-keys/api-key.entity';
import { AuthSessionEntity } from '../app/auth/auth-session.entity';
import { EmailTokenEntity } from '../app/auth/email-token.entity';
import { RefreshTokenEntity } from '../app/auth/refresh-token.entity';
import { CallEventEntity } from '../app/calls/call-event.entity';
import { CallEntity } from '../app/calls/call.entity';
import { IdempotencyKeyEntity } from '../app/calls/idempotency-key.entity';
import { ContactEntity, ContactNumberEntity } from '../app/contacts/contact.entity';
import { JobEntity } from '../app/jobs/job.entity';
import { MailOutboxEntity } from '../app/mail/mail-outbox.entity';
import { NumberRequestEntity } from '../app/number-requests/number-request.entity';
import { PhoneNumberEntity } from '../app/numbers/phone-number.entity';
import { RecordingEntity } from '../app/recordings/recording.entity';
import { MfaChallengeEntity, TotpRecoveryCodeEntity, UserTotpEntity } from '../app/two-factor/two-factor.entities';
import { UserEntity } from '../app/users/user.entity';
import { SipEventEntity } from '../app/voip/sip/sip-event.entity';

/** Every table the API maps; the schema itself comes from sql/ (synchronize stays off). */
export const ENTITIES = [
  UserEntity,
  AuthSessionEntity,
  RefreshTokenEntity,
  UserTotpEntity,
  TotpRecoveryCodeEntity,
  MfaChallengeEntity,
  ApiKeyEntity,
  PhoneNumberEntity,
  CallEntity,
  CallEventEntity,
  IdempotencyKeyEntity,
  UserAnalyticsEntity,
  DailyCallTotalsEntity,
  HourlyCallTotalsEntity,
  MonthlyUserTotalsEntity,
  DailyUserTotalsEntity,
  HourlyUserTotalsEntity,
  NumberRequestEntity,
  ActivityLogEntity,
  SipEventEntity,
  JobEntity,
  RecordingEntity,
  ContactEntity,
  ContactNumberEntity,
  EmailTokenEntity,
  MailOutboxEntity,
];
