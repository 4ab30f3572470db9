import { z } from 'zod';

/** Something going wrong between the PBX and the monitor, injected on demand. */
export const faultSchema = z.discriminatedUnion('kind', [
  /** Drop every client's TCP connection (mid-call). */
  z.object({ kind: z.literal('drop') }),
  /** Close the port for `seconds` (reconnects are refused); connected clients stay. */
  z.object({ kind: z.literal('refuse'), seconds: z.number().positive() }),
  /** PBX restart: clients dropped, port closed for `seconds`; calls go on meanwhile. */
  z.object({ kind: z.literal('restart'), seconds: z.number().positive() }),
  /** Send each of the next `count` events twice. */
  z.object({ kind: z.literal('duplicate'), count: z.number().int().positive() }),
  /** Hold events back for `seconds`, then send them in order (responses still flow). */
  z.object({ kind: z.literal('delay'), seconds: z.number().positive() }),
  /** A frame with a header line that has no colon. */
  z.object({ kind: z.literal('malformed') }),
  /** A frame of `bytes` (default 1 MiB). */
  z.object({ kind: z.literal('oversized'), bytes: z.number().int().positive().optional() }),
  /** Slow consumer: stop reading from and writing to clients for `seconds`. */
  z.object({ kind: z.literal('stall'), seconds: z.number().positive() }),
]);

export type Fault = z.infer<typeof faultSchema>;

/** A fault planned at a simulated offset from the start ("2h", "90m", or ms). */
export const plannedFaultSchema = z.object({
  at: z.union([z.string(), z.number().nonnegative()]),
  fault: faultSchema,
});

export type PlannedFault = z.infer<typeof plannedFaultSchema>;
export type FaultPlan = readonly PlannedFault[];
