import type { QueueCallRecord } from '@hotline/kpi';
import { type CallStore, QueueCallRepository, type StorageItem } from '@hotline/storage';
import type { HistoryStore } from './import-history';

/**
 * The history import's store: libs/storage's CallStore (the same upserts and 15-minute
 * aggregates the live writer uses). A stored call is left as it is — the live link may have
 * known more (its contact by Linkedid) — unless its outcome was only an estimate made while
 * the link was away (closed by a resync, or `unknown`): the ledger's own record replaces it.
 */
export class CallStoreHistoryStore implements HistoryStore {
  private readonly calls: QueueCallRepository;

  constructor(private readonly store: CallStore) {
    this.calls = new QueueCallRepository(store.sql);
  }

  async storedCallIds(callIds: readonly string[]): Promise<ReadonlySet<string>> {
    const rows = await this.calls.findByCallIds(callIds);
    return new Set(
      rows
        // Estimates made while the link was away (ADR 0004) are the ledger's to replace.
        .filter(
          (row) =>
            row.outcome !== 'unknown' && !(row.outcome === 'answered' && row.talkSeconds === null),
        )
        .map((row) => row.callId),
    );
  }

  async writeCalls(records: readonly QueueCallRecord[]): Promise<void> {
    const items: StorageItem[] = records.map((record) => ({ kind: 'queue-call', record }));
    await this.store.writeBatch(items);
  }
}
