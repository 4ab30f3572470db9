import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { HighsWorkerSolver } from '@hotline/milp';
import { SLOTS_PER_DAY, type RotaPlan } from '@hotline/staffing';
import {
  type PlanCheckResult,
  type RotaSimulation,
  type VolumeCheck,
  runPlanCheck,
} from './plan-check';

const USAGE = `npm run plan:check -- [options]

Plans the rota for a month from simulated history, then simulates the month with the planned
rota and with the configured one (same callers), and prints both, hour by hour.

  --month <YYYY-MM>     month (default 2021-01; its volume from the evaluation's table)
  --seeds <n>           simulation seeds (default 5)
  --scale <x>           second check at x × the volume, with the smallest headcount (default 1.25)
  --headcount <n>       people on the rota (default 80)
  --seats <n>           seats (default 58)
  --time-limit <s>      solver time per plan, seconds (default 25)
  --acw <s>             after-call work the planner is configured with (default: the scenario's)
  --history-weeks <n>   weeks of history before the month (default 4)
  --scenario <name>     simulator scenario (default month-2021-01)
  --out <dir>           where plan and result JSON go (default test-artifacts/plan-check)
`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      month: { type: 'string', default: '2021-01' },
      seeds: { type: 'string', default: '5' },
      scale: { type: 'string', default: '1.25' },
      headcount: { type: 'string', default: '80' },
      seats: { type: 'string', default: '58' },
      'time-limit': { type: 'string', default: '25' },
      acw: { type: 'string' },
      'history-weeks': { type: 'string', default: '4' },
      scenario: { type: 'string', default: 'month-2021-01' },
      out: { type: 'string', default: 'test-artifacts/plan-check' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const number = (name: string, text: string): number => {
    const value = Number(text);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name}: not a positive number`);
    return value;
  };
  const solver = new HighsWorkerSolver();
  const started = Date.now();
  try {
    const result = await runPlanCheck({
      month: values.month,
      seeds: number('seeds', values.seeds),
      scale: number('scale', values.scale),
      headcount: number('headcount', values.headcount),
      seats: number('seats', values.seats),
      timeLimitSeconds: number('time-limit', values['time-limit']),
      afterCallWorkSeconds: values.acw === undefined ? undefined : number('acw', values.acw),
      historyWeeks: number('history-weeks', values['history-weeks']),
      scenario: values.scenario,
      solver,
      progress: (line) => process.stderr.write(`plan:check: ${line}\n`),
    });
    mkdirSync(values.out, { recursive: true });
    const name = `plan-${values.month}`;
    writeFileSync(join(values.out, `${name}.json`), JSON.stringify(result.base.plan, null, 1));
    writeFileSync(
      join(values.out, `${name}-x${result.scaled.scale}.json`),
      JSON.stringify(result.scaled.plan, null, 1),
    );
    writeFileSync(
      join(values.out, `${name}-results.json`),
      JSON.stringify(withoutPlans(result), null, 1),
    );
    process.stdout.write(report(result, values.month));
    process.stdout.write(
      `\nplans and results in ${values.out}/ (${((Date.now() - started) / 1000).toFixed(0)} s in all)\n`,
    );
  } finally {
    await solver.close();
  }
}

function withoutPlans(result: PlanCheckResult): unknown {
  const strip = (check: VolumeCheck) => ({ ...check, plan: planDigest(check.plan) });
  return {
    base: strip(result.base),
    scaled: { ...strip(result.scaled), planAtLimit: planDigest(result.scaled.planAtLimit) },
  };
}

function planDigest(plan: RotaPlan): unknown {
  return {
    requirement: plan.requirement,
    smallestHeadcount: plan.smallestHeadcount,
    infeasibility: plan.infeasibility,
    summary: plan.summary,
    inputs: plan.inputs,
    solver: plan.solver,
  };
}

const pct = (num: number, den: number): string => (den > 0 ? ((100 * num) / den).toFixed(1) : '—');

function report(result: PlanCheckResult, month: string): string {
  const lines: string[] = [];
  lines.push(
    section(
      result.base,
      `${month}, ${result.base.plan.limits.headcount} people, ${result.base.plan.limits.seats} seats`,
    ),
  );
  lines.push(verdictBase(result.base));
  const scaled = result.scaled;
  lines.push(
    section(
      scaled,
      `${month} × ${scaled.scale} (${Math.round(scaled.monthCalls)} calls), the smallest headcount ${scaled.plan.limits.headcount}`,
    ),
  );
  lines.push(verdictScaled(scaled));
  return lines.join('\n');
}

function section(check: VolumeCheck, title: string): string {
  const { plan, planned, current } = check;
  const out: string[] = [];
  out.push('', `== ${title} ==`);
  out.push(
    `inputs: ${plan.inputs.callsPerWeek} calls/week (${(plan.inputs.unavoidableLossShare * 100).toFixed(2)} % hang up within 5 s: lost to any rota), handle ${plan.inputs.handleSeconds} s (talk ${plan.inputs.talkSeconds} + after-call work ${plan.inputs.afterCallWorkSeconds}: ${plan.inputs.afterCallWorkSource}), patience ${plan.inputs.meanPatienceSeconds} s (${plan.inputs.patienceSource}), shrinkage ${plan.inputs.shrinkage}`,
  );
  out.push(
    `planner: requirement ${plan.requirement}; smallest headcount ${plan.smallestHeadcount.value ?? '—'}${plan.smallestHeadcount.optimal ? ' (optimal)' : ` (proved ≥ ${plan.smallestHeadcount.provedAtLeast})`}; no rota within the limits answers more than ${(plan.summary.answerRateAtMost * 100).toFixed(2)} % of the week's calls; people used ${plan.summary.headcountUsed}, seats used ${plan.summary.seatsUsed}, ${plan.summary.agentHours} agent-hours/week`,
  );
  if (plan.infeasibility) {
    out.push(
      `  short: ${plan.infeasibility.shortAgentHours} agent-hours below the requirement (proved ≥ ${plan.infeasibility.shortAgentHoursAtLeast}; ${plan.infeasibility.proved ? 'proved' : 'not proved'}), ${plan.infeasibility.shortSlots.length} slots; fewest seats ${plan.infeasibility.smallestSeats.value ?? '—'}`,
    );
  }
  out.push(
    `solver: ${plan.solver.name}; ${plan.solver.totalSeconds} s wall in all (${plan.solver.stages.map((s) => `${s.stage} ${s.status} ${s.seconds} s/${s.cpuSeconds} cpu-s${s.gap !== null ? ` gap ${(s.gap * 100).toFixed(2)} %` : ''}`).join('; ')})`,
  );
  out.push(
    `hour | req  plan | logged in   | answer rate %       | 10-s rate %         | lost calls/day`,
    `     | Erl.A ans. | plan  conf. | pred.  plan  conf.  | pred.  plan  conf.  |  plan   conf.`,
  );
  const hourSlots = (h: number): number[] => {
    const slots: number[] = [];
    for (let d = 0; d < 7; d++)
      for (let q = 0; q < 4; q++) slots.push(d * SLOTS_PER_DAY + h * 4 + q);
    return slots;
  };
  const perDay = (sim: RotaSimulation, lost: number): string =>
    (lost / (sim.days * sim.seeds)).toFixed(2).padStart(6);
  for (let h = 0; h < 24; h++) {
    const slots = hourSlots(h);
    const mean = (values: readonly number[]): number =>
      slots.reduce((s, t) => s + values[t], 0) / slots.length;
    const calls = slots.reduce((s, t) => s + plan.slots.calls[t], 0);
    const answered = slots.reduce((s, t) => s + plan.slots.expectedAnswered[t], 0);
    const within = slots.reduce((s, t) => s + plan.slots.expectedAnsweredWithin[t], 0);
    const p = planned.byHour[h];
    const c = current.byHour[h];
    out.push(
      [
        String(h).padStart(4),
        '|',
        mean(plan.slots.required).toFixed(1).padStart(5),
        mean(plan.slots.answering).toFixed(1).padStart(5),
        '|',
        planned.agentsByHour[h].toFixed(1).padStart(5),
        current.agentsByHour[h].toFixed(1).padStart(5),
        '|',
        pct(answered, calls).padStart(6),
        pct(p.answered, p.offered).padStart(5),
        pct(c.answered, c.offered).padStart(5),
        ' |',
        pct(within, answered).padStart(6),
        pct(p.answeredWithin10s, p.answered).padStart(5),
        pct(c.answeredWithin10s, c.answered).padStart(5),
        ' |',
        perDay(planned, p.offered - p.answered),
        perDay(current, c.offered - c.answered),
      ].join(' '),
    );
  }
  const predicted = plan.summary.predictedMonth;
  out.push(
    `month| calls ${planned.total.offered / planned.seeds} per seed` +
      ` | answer rate: predicted ${(predicted.answerRate * 100).toFixed(2)} %, planned rota ${pct(planned.total.answered, planned.total.offered)} %, configured ${pct(current.total.answered, current.total.offered)} %` +
      ` | 10-s: predicted ${(predicted.answeredWithinRate * 100).toFixed(2)} %, planned ${pct(planned.total.answeredWithin10s, planned.total.answered)} %, configured ${pct(current.total.answeredWithin10s, current.total.answered)} %`,
  );
  out.push(
    `people: planned rota ${planned.people}, configured ${current.people}; seats used (most logged in at once): planned ${planned.seatsUsed}, configured ${current.seatsUsed}`,
  );
  return out.join('\n');
}

function rates(sim: RotaSimulation): { month: number; worstHour: number; worstTenSecond: number } {
  return {
    month: sim.total.answered / sim.total.offered,
    worstHour: Math.min(...sim.byHour.map((h) => (h.offered > 0 ? h.answered / h.offered : 1))),
    worstTenSecond: Math.min(
      ...sim.byHour.map((h) => (h.answered > 0 ? h.answeredWithin10s / h.answered : 1)),
    ),
  };
}

function verdictBase(check: VolumeCheck): string {
  const r = rates(check.planned);
  const ok = r.month >= 0.97 && r.worstHour >= 0.95 && r.worstTenSecond >= 0.8;
  const line = `check: planned rota month answer rate ${(r.month * 100).toFixed(2)} % (≥ 97), worst hour ${(r.worstHour * 100).toFixed(2)} % (≥ 95), worst hour 10-s ${(r.worstTenSecond * 100).toFixed(2)} % (≥ 80): ${ok ? 'PASS' : 'FAIL'}`;
  if (ok) return line;
  // Hour by hour, planned minus configured, against two standard errors of that difference
  // (the two runs share their callers, so this overstates the noise a little).
  const hours = check.planned.byHour.map((p, h) => {
    const c = check.current.byHour[h];
    const a = p.answered / Math.max(1, p.offered);
    const b = c.answered / Math.max(1, c.offered);
    const se = Math.sqrt(
      (a * (1 - a)) / Math.max(1, p.offered) + (b * (1 - b)) / Math.max(1, c.offered),
    );
    return { h, diff: a - b, se };
  });
  const worse = hours.filter((x) => x.diff < 0);
  const beyond = worse.filter((x) => x.diff < -2 * x.se);
  const list = (xs: typeof hours) =>
    xs
      .map((x) => `${x.h}h ${(x.diff * 100).toFixed(2)} (±${(2 * x.se * 100).toFixed(2)})`)
      .join(', ');
  return (
    `${line}\n  planner says: requirement ${check.plan.requirement}${check.plan.infeasibility?.proved ? ' (proved short)' : ''}; ` +
    `no rota within the limits answers more than ${(check.plan.summary.answerRateAtMost * 100).toFixed(2)} % (bound)\n` +
    `  planned vs configured, hour by hour: better or equal in ${24 - worse.length} hours; lower in ${worse.length}` +
    `${worse.length ? ` (${list(worse)})` : ''}; lower beyond two standard errors in ${beyond.length}${beyond.length ? ` (${list(beyond)})` : ''}`
  );
}

function verdictScaled(check: VolumeCheck): string {
  const r = rates(check.planned);
  const month10 = check.planned.total.answeredWithin10s / check.planned.total.answered;
  const ok = r.month >= 0.94 && month10 >= 0.79;
  return `check: ×${check.scale} with the smallest headcount ${check.plan.limits.headcount}: month answer rate ${(r.month * 100).toFixed(2)} % and 10-s ${(month10 * 100).toFixed(2)} % (targets 95/80, within 1 point): ${ok ? 'CONFIRMED' : 'NOT CONFIRMED'}; worst hour ${(r.worstHour * 100).toFixed(2)} %`;
}

main().catch((error: unknown) => {
  process.stderr.write(
    `plan:check: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
