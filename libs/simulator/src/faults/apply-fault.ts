import type { AmiServer } from '../ami/ami-server';
import type { Fault } from './fault';

/** Applies a fault to the AMI server; seconds are wall-clock (what the monitor lives in). */
export function applyFault(server: AmiServer, fault: Fault): Promise<void> {
  switch (fault.kind) {
    case 'drop':
      server.dropAll();
      return Promise.resolve();
    case 'refuse':
      return server.refuseFor(fault.seconds * 1000);
    case 'restart':
      return server.restart(fault.seconds * 1000);
    case 'duplicate':
      server.duplicateNext(fault.count);
      return Promise.resolve();
    case 'delay':
      server.delayEvents(fault.seconds * 1000);
      return Promise.resolve();
    case 'malformed':
      server.sendMalformed();
      return Promise.resolve();
    case 'oversized':
      server.sendOversized(fault.bytes);
      return Promise.resolve();
    case 'stall':
      server.stall(fault.seconds * 1000);
      return Promise.resolve();
  }
}
