import { MINUTES_PER_DAY } from '@hotline/calendar';
import type { BreakCounts, TourCounts } from './rota-model';
import {
  type LabourRules,
  type ShiftCatalogue,
  type ShiftType,
  SLOT_MINUTES,
  SLOTS_PER_DAY,
  SLOTS_PER_WEEK,
} from './rota-rules';

/** One person's week: a template and its break starts per weekday (Monday first), or null. */
export interface RosterPerson {
  readonly tour: number;
  readonly pattern: number;
  readonly days: (RosterDay | null)[];
}

export interface RosterDay {
  readonly template: number;
  /** Start of each break of the shift type, minutes after the shift start. */
  breaks: number[];
}

/**
 * People from the counts: every tour × pattern count becomes that many people, each weekday's
 * starts are dealt to the people working that window (in start order, so a person
 * keeps about the same start all week), then each (weekday, template)'s break offsets are dealt
 * to the people on it. Any dealing is valid — the windows make every sequence keep the rest
 * rule — and checkRoster verifies the result independently of the model.
 */
export function buildRoster(
  catalogue: ShiftCatalogue,
  workDaysPerWeek: number,
  counts: TourCounts,
  breaks: BreakCounts | undefined,
): RosterPerson[] {
  const { templates, tours } = catalogue;
  const people: RosterPerson[] = [];
  counts.people.forEach((byPattern, tour) =>
    byPattern.forEach((count, pattern) => {
      for (let i = 0; i < count; i++) {
        people.push({ tour, pattern, days: new Array<RosterDay | null>(7).fill(null) });
      }
    }),
  );
  const startsOf = new Map<string, number[]>();
  for (const start of counts.starts) {
    const key = `${start.weekday}:${start.window}`;
    const list = startsOf.get(key) ?? [];
    for (let i = 0; i < start.count; i++) list.push(start.template);
    startsOf.set(key, list);
  }
  const startOf = (person: RosterPerson, day: number): number => {
    const assigned = person.days[day];
    return assigned ? templates[assigned.template].startMinute : -1;
  };
  for (let d = 0; d < 7; d++) {
    for (const [key, list] of startsOf) {
      const [weekday, window] = key.split(':').map(Number);
      if (weekday !== d) continue;
      const working = people
        .filter((person) => {
          const k = (d - person.pattern + 7) % 7;
          return k < workDaysPerWeek && tours[person.tour].windows[k] === window;
        })
        .sort((a, b) => startOf(a, (d + 6) % 7) - startOf(b, (d + 6) % 7));
      const dealt = [...list].sort((a, b) => templates[a].startMinute - templates[b].startMinute);
      if (dealt.length !== working.length) {
        throw new Error(`roster: ${dealt.length} starts for ${working.length} people (${key})`);
      }
      working.forEach((person, i) => {
        person.days[d] = { template: dealt[i], breaks: [] };
      });
    }
  }
  for (let d = 0; d < 7; d++) {
    templates.forEach((template, s) => {
      const onIt = people.filter((p) => p.days[d]?.template === s);
      if (onIt.length === 0) return;
      template.type.breaks.forEach((pause, j) => {
        const offsets: number[] = [];
        const taken = breaks?.taken[d][s][j];
        if (taken) {
          taken.counts.forEach((count, i) => {
            for (let n = 0; n < count; n++) offsets.push(taken.afterMinutes[i]);
          });
        } else {
          // No break placement (the solver ran out of time): stagger through the window.
          const steps = (pause.latestAfterMinutes - pause.earliestAfterMinutes) / SLOT_MINUTES + 1;
          onIt.forEach((_, i) =>
            offsets.push(pause.earliestAfterMinutes + (i % steps) * SLOT_MINUTES),
          );
        }
        if (offsets.length !== onIt.length) {
          throw new Error(`roster: ${offsets.length} breaks for ${onIt.length} people`);
        }
        onIt.forEach((person, i) => person.days[d]!.breaks.push(offsets[i]));
      });
    });
  }
  return people;
}

/** People on shift and people answering (on shift, not on a break) per slot of the week. */
export function rosterCoverage(
  catalogue: ShiftCatalogue,
  people: readonly RosterPerson[],
): { onShift: number[]; answering: number[] } {
  const onShift = new Array<number>(SLOTS_PER_WEEK).fill(0);
  const answering = new Array<number>(SLOTS_PER_WEEK).fill(0);
  for (const person of people) {
    person.days.forEach((day, d) => {
      if (!day) return;
      const template = catalogue.templates[day.template];
      const first = d * SLOTS_PER_DAY + template.startSlot;
      const away = new Set<number>();
      template.type.breaks.forEach((pause, j) => {
        const from = day.breaks[j] / SLOT_MINUTES;
        for (let i = 0; i < pause.minutes / SLOT_MINUTES; i++) away.add(from + i);
      });
      for (let i = 0; i < template.slots; i++) {
        const slot = (first + i) % SLOTS_PER_WEEK;
        onShift[slot]++;
        if (!away.has(i)) answering[slot]++;
      }
    });
  }
  return { onShift, answering };
}

export interface RosterLimits {
  readonly headcount: number;
  readonly seats: number;
}

/** A shift as the checker sees it: the type and the start, with break starts after it. */
export interface CheckedShift {
  readonly type: ShiftType;
  readonly startMinute: number;
  readonly breaks: readonly number[];
}

/**
 * Every labour and capacity rule checked on the individual rota, independently of how the
 * planner built it: working days, one block of days off, the rest between any two shifts
 * (across the week's end too: the rota repeats), consecutive nights, breaks inside their
 * windows, people and seats. Returns what is broken, in words; empty when the rota is sound.
 */
export function checkRoster(
  week: readonly (readonly (CheckedShift | null)[])[],
  labour: LabourRules,
  limits: RosterLimits,
): string[] {
  const problems: string[] = [];
  const rest = labour.minRestHours * 60;
  if (week.length > limits.headcount) {
    problems.push(`${week.length} people, more than the ${limits.headcount} allowed`);
  }
  const onShift = new Array<number>(SLOTS_PER_WEEK).fill(0);
  week.forEach((days, person) => {
    const who = `person ${person + 1}`;
    const worked = days.map((d) => d !== null);
    const count = worked.filter(Boolean).length;
    if (count !== labour.workDaysPerWeek) {
      problems.push(`${who} works ${count} days, not ${labour.workDaysPerWeek}`);
    }
    const blockStarts = worked.filter((w, d) => w && !worked[(d + 6) % 7]).length;
    if (count > 0 && count < 7 && blockStarts !== 1) {
      problems.push(`${who}'s days off are not consecutive`);
    }
    const shifts: { start: number; end: number; night: boolean; day: number }[] = [];
    days.forEach((shift, d) => {
      if (!shift) return;
      const start = d * MINUTES_PER_DAY + shift.startMinute;
      shifts.push({
        start,
        end: start + shift.type.lengthMinutes,
        night: shift.type.night,
        day: d,
      });
      let free = 0;
      shift.type.breaks.forEach((pause, j) => {
        const after = shift.breaks[j];
        if (
          after === undefined ||
          after < pause.earliestAfterMinutes ||
          after > pause.latestAfterMinutes ||
          after < free
        ) {
          problems.push(`${who}: break "${pause.reason}" on day ${d + 1} outside its window`);
        }
        free = (after ?? 0) + pause.minutes;
      });
      for (let i = 0; i < shift.type.lengthMinutes / SLOT_MINUTES; i++) {
        onShift[(d * SLOTS_PER_DAY + shift.startMinute / SLOT_MINUTES + i) % SLOTS_PER_WEEK]++;
      }
    });
    shifts.forEach((shift, i) => {
      const next = shifts[(i + 1) % shifts.length];
      const nextStart = next.start + (i + 1 === shifts.length ? 7 * MINUTES_PER_DAY : 0);
      if (nextStart - shift.end < rest) {
        problems.push(
          `${who}: ${Math.round(nextStart - shift.end)} min rest after day ${shift.day + 1}, less than ${rest}`,
        );
      }
    });
    let run = 0;
    let longest = 0;
    for (let d = 0; d < 14; d++) {
      const shift = days[d % 7];
      run = shift?.type.night ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    if (Math.min(longest, 7) > labour.maxConsecutiveNights) {
      problems.push(`${who} works ${longest} nights in a row`);
    }
  });
  const busiest = Math.max(0, ...onShift);
  if (busiest > limits.seats) {
    problems.push(`${busiest} people on shift at once, more than the ${limits.seats} seats`);
  }
  return problems;
}
