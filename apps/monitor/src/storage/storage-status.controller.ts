import { Controller, Get } from '@nestjs/common';
import { CallRecordWriter } from '@hotline/storage';
import { Access } from '../access/access.decorator';

/** Writer backlog, oldest age and failures for /health consumers and dashboards. */
/** Admin only: the last error may name database hosts and paths. */
@Controller('api/v1/storage')
@Access('admin')
export class StorageStatusController {
  constructor(private readonly writer: CallRecordWriter) {}

  @Get('status')
  status() {
    return this.writer.status();
  }
}
