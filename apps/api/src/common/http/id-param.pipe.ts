import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { badRequest, notFound } from '../errors/problem.exception';
import { ID_MAX } from './integer-query';

/**
 * Route ids: plain decimal digits of a positive whole number, else a 400 naming the parameter ("1e3", "0x10",
 * "1.5", 20 digits…). A well-formed id beyond the INT range of the id columns cannot exist: 404, and it never
 * reaches SQL.
 */
@Injectable()
export class IdParamPipe implements PipeTransform<unknown, number> {
  transform(value: unknown, metadata?: ArgumentMetadata): number {
    const field = metadata?.data ?? 'id';
    const text = String(value);
    if (!/^\d{1,12}$/.test(text) || Number(text) < 1) {
      const message = 'must be a positive whole number';
      throw badRequest(`The ${field} "${text.slice(0, 20)}" ${message}`, [{ field, message }]);
    }
    const id = Number(text);
    if (id > ID_MAX) throw notFound('Resource');
    return id;
  }
}
