import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import { FaultableListener } from './faultable-listener';

/**
 * A simulated PBX's TCP server (AMI or ESL): its sessions on a FaultableListener, and the
 * listener's faults. Subclasses greet a new client and speak the protocol.
 */
export abstract class SessionServer<S extends { readonly socket: Socket }> extends EventEmitter {
  protected readonly listener: FaultableListener<S>;

  protected constructor(host: string) {
    super();
    this.listener = new FaultableListener(
      host,
      (socket) => this.accept(socket),
      (error) => this.emit('error', error),
    );
  }

  /** Greets the new client and wires its data; returns its session. */
  protected abstract accept(socket: Socket): S;

  protected get sessions(): Set<S> {
    return this.listener.sessions;
  }

  get port(): number {
    return this.listener.port;
  }

  get listening(): boolean {
    return this.listener.listening;
  }

  /** Drops every connection at once, as a crashed network or PBX would. */
  dropAll(): void {
    this.listener.dropAll();
  }

  /** Stops accepting connections for `ms` (connect gets ECONNREFUSED); sessions stay. */
  refuseFor(ms: number): Promise<void> {
    return this.listener.refuseFor(ms);
  }

  /** PBX restart: every session dropped and the port closed for `ms`. */
  restart(ms: number): Promise<void> {
    return this.listener.restart(ms);
  }

  async close(): Promise<void> {
    await this.listener.close();
  }
}
