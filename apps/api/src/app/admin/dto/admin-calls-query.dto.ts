import { IdQuery } from '../../../common/http/integer-query';
import { ListCallsQueryDto } from '../../calls/dto/call-requests.dto';

/** GET /admin/calls: the filters of GET /calls plus the user whose calls to show. */
export class AdminListCallsQueryDto extends ListCallsQueryDto {
  @IdQuery({ example: 42, description: 'Only this user’s calls; all users when absent' })
  userId?: number;
}
