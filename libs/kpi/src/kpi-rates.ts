/**
 * The rates of docs/kpi-spec.md, each derived from additive counts in exactly one place: the
 * engine's figures, the wallboard's trend, the stored reports and the scorecard all call these.
 * Fractions 0–1 (times in seconds), null when the denominator is 0.
 */
export interface RateInputs {
  readonly offered: number;
  /** Offered calls with no outcome yet (a caller still waiting). Part of `offered`. */
  readonly inProgress: number;
  readonly answered: number;
  readonly answeredWithin10s: number;
  readonly overFiveMinutes: number;
  readonly abandoned: number;
  /** Sum of the waits of answered calls. */
  readonly sumAnswerWaitSeconds: number;
  /** Answered calls whose talk is known (ended, and its end seen). */
  readonly handled: number;
  /** Sum of the talks of the handled calls. */
  readonly sumTalkSeconds: number;
  readonly ratings: number;
  readonly satisfied: number;
}

export interface KpiRates {
  readonly answerRate: number | null;
  readonly answeredIn10sRate: number | null;
  readonly serviceLevel: number | null;
  readonly overFiveMinuteRate: number | null;
  readonly abandonRate: number | null;
  readonly asaSeconds: number | null;
  readonly ahtSeconds: number | null;
  readonly satisfactionRate: number | null;
}

export function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

/**
 * The denominator of the rates over offered: offered calls with an outcome. A caller still
 * waiting is shown as waiting, not yet as a loss (kpi-spec.md "Live rates over finished
 * calls"); once every call of a period has ended this is offered, as in the PBX's ledger.
 */
export const finishedOffered = (c: Pick<RateInputs, 'offered' | 'inProgress'>): number =>
  c.offered - c.inProgress;

type OverOffered = 'offered' | 'inProgress';

/** 话务接通率 = answered / offered (finished) */
export const answerRate = (c: Pick<RateInputs, 'answered' | OverOffered>): number | null =>
  ratio(c.answered, finishedOffered(c));

/** 热线10秒接通率 = answered within the threshold / **answered** (the hotline's own formula). */
export const answeredIn10sRate = (
  c: Pick<RateInputs, 'answeredWithin10s' | 'answered'>,
): number | null => ratio(c.answeredWithin10s, c.answered);

/** 服务水平 = answered within the threshold / offered (finished; the industry formula). */
export const serviceLevel = (
  c: Pick<RateInputs, 'answeredWithin10s' | OverOffered>,
): number | null => ratio(c.answeredWithin10s, finishedOffered(c));

/** 超5分钟通话率 = over five minutes / answered */
export const overFiveMinuteRate = (
  c: Pick<RateInputs, 'overFiveMinutes' | 'answered'>,
): number | null => ratio(c.overFiveMinutes, c.answered);

/** 放弃率 = abandoned / offered (finished) */
export const abandonRate = (c: Pick<RateInputs, 'abandoned' | OverOffered>): number | null =>
  ratio(c.abandoned, finishedOffered(c));

/** ASA: mean wait of answered calls. */
export const asaSeconds = (
  c: Pick<RateInputs, 'sumAnswerWaitSeconds' | 'answered'>,
): number | null => ratio(c.sumAnswerWaitSeconds, c.answered);

/** AHT: mean talk of the answered calls whose talk is known (an unseen end is out of it). */
export const ahtSeconds = (c: Pick<RateInputs, 'sumTalkSeconds' | 'handled'>): number | null =>
  ratio(c.sumTalkSeconds, c.handled);

/** 话务员接话服务满意率 = satisfied / ratings */
export const satisfactionRate = (c: Pick<RateInputs, 'satisfied' | 'ratings'>): number | null =>
  ratio(c.satisfied, c.ratings);

export function kpiRates(c: RateInputs): KpiRates {
  return {
    answerRate: answerRate(c),
    answeredIn10sRate: answeredIn10sRate(c),
    serviceLevel: serviceLevel(c),
    overFiveMinuteRate: overFiveMinuteRate(c),
    abandonRate: abandonRate(c),
    asaSeconds: asaSeconds(c),
    ahtSeconds: ahtSeconds(c),
    satisfactionRate: satisfactionRate(c),
  };
}
