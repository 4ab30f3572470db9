import { Controller, Get } from '@nestjs/common';
import { CallRecordWriter } from '@hotline/storage';
import { Access } from '../access/access.decorator';
import { HistoryStartup } from './history-startup';

/**
 * Writer backlog, oldest age and failures for /health consumers and dashboards; the history
 * import's progress (phase, files, lines and calls done, rate, ETA), its summary and the coverage.
 * Admin only: the last error may name database hosts and paths.
 */
@Controller('api/v1/storage')
@Access('admin')
export class StorageStatusController {
  constructor(
    private readonly writer: CallRecordWriter,
    private readonly history: HistoryStartup,
  ) {}

  @Get('status')
  status() {
    return { ...this.writer.status(), history: this.history.status() };
  }
}
