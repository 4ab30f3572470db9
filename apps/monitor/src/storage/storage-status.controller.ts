import { Controller, Get } from '@nestjs/common';
import { CallRecordWriter } from '@hotline/storage';

/** Writer backlog, oldest age and failures for /health consumers and dashboards. */
@Controller('api/v1/storage')
export class StorageStatusController {
  constructor(private readonly writer: CallRecordWriter) {}

  @Get('status')
  status() {
    return this.writer.status();
  }
}
