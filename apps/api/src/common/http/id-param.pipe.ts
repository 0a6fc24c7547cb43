import { Injectable, PipeTransform } from '@nestjs/common';
import { badRequest, notFound } from '../errors/problem.exception';

/** Route ids: a positive whole number (400 otherwise); beyond the INT range nothing can exist (404). */
@Injectable()
export class IdParamPipe implements PipeTransform<unknown, number> {
  transform(value: unknown): number {
    const text = String(value);
    if (!/^\d{1,12}$/.test(text) || Number(text) < 1) {
      throw badRequest(`The id "${text.slice(0, 20)}" must be a positive whole number`);
    }
    const id = Number(text);
    if (id > 2_147_483_647) throw notFound('Resource');
    return id;
  }
}
