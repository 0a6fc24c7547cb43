import { Global, Module } from '@nestjs/common';
import { Clock } from './clock';

/** Providers every feature shares; one instance each (specs replace the Clock's now() to control time). */
@Global()
@Module({
  providers: [Clock],
  exports: [Clock],
})
export class CommonModule {}
