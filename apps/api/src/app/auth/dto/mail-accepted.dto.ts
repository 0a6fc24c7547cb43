import { ApiProperty } from '@nestjs/swagger';
import type { MailAcceptedResponse } from '@hh/contracts';

export class MailAcceptedDto implements MailAcceptedResponse {
  @ApiProperty({
    example: 'If an account uses this address, we sent it a link to choose a new password. The link works for 1 hour.',
  })
  message!: string;
}
