import { type ArgumentsHost, Catch, type ExceptionFilter, HttpStatus } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { ReportBusyError, ReportQueryError } from '@hotline/reports';

/**
 * A bad report query is the client's mistake: 400 with every problem listed. A heavy report
 * while another runs: 429 with Retry-After (seconds).
 */
@Catch(ReportQueryError, ReportBusyError)
export class ReportErrorsFilter implements ExceptionFilter {
  catch(error: ReportQueryError | ReportBusyError, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<ServerResponse>();
    if (response.headersSent) {
      response.destroy();
      return;
    }
    const body =
      error instanceof ReportBusyError
        ? {
            statusCode: HttpStatus.TOO_MANY_REQUESTS,
            error: 'Too Many Requests',
            code: error.code,
            message: error.message,
            retryAfterSeconds: error.retryAfterSeconds,
          }
        : {
            statusCode: HttpStatus.BAD_REQUEST,
            error: 'Bad Request',
            code: error.code,
            message: error.message,
            problems: error.problems,
          };
    if (error instanceof ReportBusyError)
      response.setHeader('Retry-After', String(error.retryAfterSeconds));
    response.statusCode = body.statusCode;
    response.setHeader('Content-Type', 'application/json; charset=utf-8');
    response.end(JSON.stringify(body));
  }
}
