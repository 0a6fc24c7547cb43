import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE, retryAfterSeconds, toProblem } from './problem-details';

/** The one error path of the API: every exception leaves as application/problem+json. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const problem = toProblem(exception, request.url?.split('?')[0]);
    if (problem.status >= 500) {
      this.logger.error(
        { reqId: request.id, err: exception instanceof Error ? exception.stack : String(exception) },
        `${request.method} ${request.url} failed with ${problem.status}`,
      );
    }
    if (reply.sent) return;
    const retryAfter = retryAfterSeconds(exception);
    if (retryAfter !== undefined) reply.header('Retry-After', String(retryAfter));
    reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
  }
}
