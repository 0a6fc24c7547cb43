import { Injectable } from '@nestjs/common';

/** Time as the engine sees it: the system clock in production, a controllable one in specs. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
