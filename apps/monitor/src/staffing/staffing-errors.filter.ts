import { type ArgumentsHost, Catch, NotFoundException } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { StaffingError, StaffingErrorCode } from '@hotline/staffing';

/**
 * The staffing library's errors as HTTP: nothing known of the week asked about is a 404 (with
 * the library's message); any other StaffingError stays a server error, as Nest answers it.
 */
@Catch(StaffingError)
export class StaffingErrorsFilter extends BaseExceptionFilter {
  override catch(error: StaffingError, host: ArgumentsHost): void {
    if (error.code === StaffingErrorCode.NoHistory) {
      super.catch(new NotFoundException(withoutCode(error)), host);
      return;
    }
    super.catch(error, host);
  }
}

/** StaffingError prefixes its message with the code; the 404 says it in plain words. */
function withoutCode(error: StaffingError): string {
  return error.message.slice(`${error.code}: `.length);
}
