import { compareAgentIds } from './agent-order';
import type { SeatCell, SeatPlan } from './seat-plan';

/** A cell of the wall and the agent sitting there now (null: nobody on duty there). */
export interface SeatTaken {
  readonly cell: SeatCell;
  readonly agent: string | null;
}

/**
 * Who sits where, kept from one pass to the next so that cells never move: an agent with a desk
 * in the plan always has that cell; an agent without one keeps the first free cell it was given
 * across logouts, until a newcomer needs a cell and none is free — then the cell of the agent
 * away longest is given away. Beyond the plan's cells, overflow cells are added below its last
 * row and kept.
 */
export class SeatBook {
  private readonly cells: SeatCell[];
  private readonly desks = new Map<string, number>();
  /** Agent without a desk → the cell it keeps. */
  private readonly held = new Map<string, number>();
  private readonly lastSeen = new Map<string, number>();
  private pass = 0;
  /**
   * The agents of the last pass in seating order. The same agents are on duty pass after pass
   * (one pass per subscriber, several a second), so they are sorted again only when they change.
   */
  private order: { readonly agents: ReadonlySet<string>; readonly sorted: readonly string[] } = {
    agents: new Set(),
    sorted: [],
  };

  constructor(private readonly plan: SeatPlan) {
    this.cells = [...plan.cells];
    this.cells.forEach((cell, i) => {
      if (cell.owner !== null) this.desks.set(cell.owner, i);
    });
  }

  /** Every cell of the wall with the agent of `onDuty` sitting there. */
  seat(onDuty: readonly string[]): SeatTaken[] {
    this.pass++;
    const sitting: (string | null)[] = this.cells.map(() => null);
    const needing: string[] = [];
    for (const agent of this.seatingOrder(onDuty)) {
      const desk = this.desks.get(agent) ?? this.held.get(agent);
      if (desk !== undefined && sitting[desk] === null) {
        sitting[desk] = agent;
        if (!this.desks.has(agent)) this.lastSeen.set(agent, this.pass);
      } else needing.push(agent);
    }
    for (const agent of needing) {
      const index = this.freeCell(sitting);
      this.held.set(agent, index);
      this.lastSeen.set(agent, this.pass);
      sitting[index] = agent;
    }
    return this.cells.map((cell, i) => ({ cell, agent: sitting[i] }));
  }

  /** `onDuty` without repeats, sorted by id (an agent's desk or kept cell is taken in this order). */
  private seatingOrder(onDuty: readonly string[]): readonly string[] {
    const agents = new Set(onDuty);
    const last = this.order.agents;
    if (agents.size !== last.size || [...agents].some((agent) => !last.has(agent)))
      this.order = { agents, sorted: [...agents].sort(compareAgentIds) };
    return this.order.sorted;
  }

  /** A free cell nobody keeps; else the one kept by the agent away longest; else a new one. */
  private freeCell(sitting: (string | null)[]): number {
    const keeper = new Map<number, string>();
    for (const [agent, index] of this.held) keeper.set(index, agent);
    let awayLongest: { index: number; agent: string; seen: number } | undefined;
    for (let i = 0; i < this.cells.length; i++) {
      if (this.cells[i].owner !== null || sitting[i] !== null) continue;
      const agent = keeper.get(i);
      if (agent === undefined) return i;
      const seen = this.lastSeen.get(agent) ?? 0;
      if (!awayLongest || seen < awayLongest.seen) awayLongest = { index: i, agent, seen };
    }
    if (awayLongest) {
      this.held.delete(awayLongest.agent);
      this.lastSeen.delete(awayLongest.agent);
      return awayLongest.index;
    }
    sitting.push(null);
    return this.cells.push(this.overflowCell(this.cells.length - this.plan.cells.length)) - 1;
  }

  /** The k-th cell beyond the plan: rows below its last, as wide as it is. */
  private overflowCell(k: number): SeatCell {
    const lastSeat = Math.max(0, ...this.plan.cells.map((c) => c.seat));
    return {
      seat: lastSeat + k + 1,
      row: this.plan.rows + 1 + Math.floor(k / this.plan.cols),
      col: (k % this.plan.cols) + 1,
      owner: null,
    };
  }
}
