/**
 * What the cluster benches (cluster-fanout, cluster-soak) give every monitor they start, and
 * how they read its memory: one copy for both.
 */
import { readFileSync } from 'node:fs';
import type { MonitorConfigInput } from '../apps/monitor/src/config/monitor-config.schema';
import type { PbxSite } from './pbx-site';

/** A monitor's link to a bench's simulated PBX (AMI over TCP, quick reconnects). */
export const pbxConfig = (site: PbxSite, secret: string): MonitorConfigInput['pbx'] => ({
  type: 'asterisk',
  asterisk: {
    host: '127.0.0.1',
    port: site.port,
    username: 'monitor',
    secret,
    reconnect: { initialDelayMs: 100, maxDelayMs: 1_000 },
  },
});

/** No scheduled report files: they would cost the bench's instances unevenly. */
export const reportsOff = (folder: string): MonitorConfigInput['reports'] => ({
  folder,
  weekly: { enabled: false },
  monthly: { enabled: false },
});

/** VmRSS of a live process, MB. */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1] ?? NaN) / 1024;
}
