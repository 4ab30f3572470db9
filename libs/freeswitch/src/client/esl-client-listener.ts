import type { EslError } from '../protocol/esl-error';
import type { EslEvent } from '../protocol/esl-event';

export type EslClientState =
  'idle' | 'connecting' | 'connected' | 'reconnecting' | 'failed' | 'stopped';

/** What the client tells its owner. Every callback is optional. */
export interface EslClientListener {
  /** Authenticated and subscribed; after a reconnect too (the owner resyncs here). */
  onConnected?(): void;
  /** The link dropped; the client reconnects by itself unless stopped or failed. */
  onDisconnected?(reason: Error): void;
  /** An event arrived, with the local receive time (epoch ms). */
  onEvent?(event: EslEvent, receivedAt: number): void;
  /** Retrying cannot help (wrong password, subscription refused): the client has stopped. */
  onFatal?(error: EslError): void;
}
