import { forwardRef, Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { CallsModule } from '../calls/calls.module';
import { JobsModule } from '../jobs/jobs.module';
import { RecordingSource, RtpengineRecordingSource, SynthesisedRecordingSource } from './recording-source';
import { LocalDiskRecordingStorage, RecordingStorage, S3RecordingStorage } from './recording-storage';
import { RecordingsController } from './recordings.controller';
import { RecordingsRepository } from './recordings.repository';
import { RecordingsService } from './recordings.service';

/**
 * Call recordings: the recordings table and calls.recording_url (RecordingsRepository), the storage of the audio
 * (local disk, or S3 when S3_BUCKET is set), where the audio comes from (RecordingSource: synthesised by the mock,
 * rtpengine's capture with real calls), the render and purge jobs. CallEngine calls RecordingsService.callsEnded
 * in each final transaction, and this feature reads a call's owner through CallQueriesService: the two modules
 * import each other (forwardRef).
 */
@Module({
  imports: [forwardRef(() => CallsModule), JobsModule],
  controllers: [RecordingsController],
  providers: [
    RecordingsRepository,
    RecordingsService,
    {
      provide: RecordingStorage,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): RecordingStorage =>
        config.recordings.s3
          ? new S3RecordingStorage(config.recordings.s3)
          : new LocalDiskRecordingStorage(config.recordings.dir),
    },
    {
      provide: RecordingSource,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): RecordingSource =>
        config.voip.sip
          ? new RtpengineRecordingSource(config.voip.sip.recordingSpoolDir)
          : new SynthesisedRecordingSource(),
    },
  ],
  exports: [RecordingsService],
})
export class RecordingsModule {}
