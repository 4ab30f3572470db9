import { type ArgumentsHost, Catch, type ExceptionFilter, HttpStatus } from '@nestjs/common';
import { ReportQueryError } from '@hotline/reports';

/** A bad report query is the client's mistake: 400 with every problem listed. */
@Catch(ReportQueryError)
export class ReportQueryErrorFilter implements ExceptionFilter {
  catch(error: ReportQueryError, host: ArgumentsHost): void {
    const response = host
      .switchToHttp()
      .getResponse<{ status(code: number): { json(body: unknown): void } }>();
    response.status(HttpStatus.BAD_REQUEST).json({
      statusCode: 400,
      error: 'Bad Request',
      code: error.code,
      message: error.message,
      problems: error.problems,
    });
  }
}
