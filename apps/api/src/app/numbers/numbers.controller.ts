import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiExtraModels,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Paginated } from '@hh/contracts';
import { Authenticated, CurrentPrincipal } from '../../common/decorators/auth.decorators';
import { ApiPaginatedResponse } from '../../common/http/api-paginated-response.decorator';
import { IdParamPipe } from '../../common/http/id-param.pipe';
import { PageQueryDto } from '../../common/http/pagination';
import { ProblemDto } from '../../common/http/problem.dto';
import type { Principal } from '../../common/guards/principal';
import { PhoneNumberDto } from './dto/phone-number.dto';
import { UpdateMyNumberDto } from './dto/update-my-number.dto';
import { NumbersService } from './numbers.service';

@ApiTags('numbers')
@Authenticated()
@ApiExtraModels(PhoneNumberDto)
@Controller('numbers')
export class NumbersController {
  constructor(private readonly numbers: NumbersService) {}

  @Get()
  @ApiOperation({ summary: 'The phone numbers assigned to me' })
  @ApiPaginatedResponse(PhoneNumberDto)
  list(@Query() query: PageQueryDto, @CurrentPrincipal() principal: Principal): Promise<Paginated<PhoneNumberDto>> {
    return this.numbers.listMine(principal.userId, query);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Rename one of my numbers, or turn call recording on or off',
    description:
      'friendlyName and/or recordCalls. With recordCalls on, the calls placed from the number and the calls it ' +
      'receives are recorded (the parties are told), from the next call on.',
  })
  @ApiBadRequestResponse({ description: 'Invalid input, or neither field sent', type: ProblemDto })
  @ApiOkResponse({ type: PhoneNumberDto })
  @ApiNotFoundResponse({ description: 'No such number of yours', type: ProblemDto })
  rename(
    @Param('id', IdParamPipe) id: number,
    @Body() dto: UpdateMyNumberDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PhoneNumberDto> {
    return this.numbers.updateMine(principal.userId, id, dto);
  }
}
