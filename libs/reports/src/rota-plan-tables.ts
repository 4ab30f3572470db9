import { SLOT_MINUTES, SLOTS_PER_DAY, clockOfMinute, type RotaPlan } from '@hotline/staffing';
import type { ColumnFormat } from './report-columns';
import type { ReportTable } from './report-table';

type Lang = 'zh' | 'en';

const WEEKDAYS: Record<Lang, readonly string[]> = {
  zh: ['周一', '周二', '周三', '周四', '周五', '周六', '周日'],
  en: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
};

const TEXT: Record<Lang, Record<string, string>> = {
  zh: {
    shifts: '班次表',
    people: '人员排班',
    slots: '需求与计划',
    kpis: '预测指标',
    shift: '班次',
    start: '开始',
    end: '结束',
    total: '合计(人次)',
    person: '人员',
    daysOff: '休息日',
    weekday: '星期',
    time: '时段',
    calls: '预测话务量',
    required: '需求接听人数(Erlang A)',
    answering: '计划接听人数',
    onShift: '计划在岗人数',
    current: '现行排班在岗人数',
    lost: '预计呼损',
    item: '指标',
    planWeek: '计划排班(周)',
    planMonth: '计划排班(月)',
    currentWeek: '现行排班(周)',
    offered: '话务量',
    answered: '接通量',
    answerRate: '话务接通率(%)',
    tenSecond: '10秒接通率(%)',
    lostCalls: '呼损量',
    breakNames: 'meal=餐,break=休',
  },
  en: {
    shifts: 'Shifts',
    people: 'People',
    slots: 'Requirement and plan',
    kpis: 'Predicted KPIs',
    shift: 'Shift',
    start: 'Start',
    end: 'End',
    total: 'Total (shifts)',
    person: 'Person',
    daysOff: 'Days off',
    weekday: 'Weekday',
    time: 'Time',
    calls: 'Expected calls',
    required: 'Required answering (Erlang A)',
    answering: 'Planned answering',
    onShift: 'Planned on shift',
    current: 'Current rota on duty',
    lost: 'Expected lost calls',
    item: 'KPI',
    planWeek: 'Plan (week)',
    planMonth: 'Plan (month)',
    currentWeek: 'Current rota (week)',
    offered: 'Offered',
    answered: 'Answered',
    answerRate: 'Answer rate (%)',
    tenSecond: '10-second rate (%)',
    lostCalls: 'Lost calls',
    breakNames: 'meal=meal,break=break',
  },
};

/** People per shift and weekday: the rota as managers read it (the CSV export). */
export function rotaShiftTable(plan: RotaPlan, lang: Lang = 'zh'): ReportTable {
  const t = TEXT[lang];
  return {
    title: t.shifts,
    headers: [t.shift, t.start, t.end, ...WEEKDAYS[lang], t.total],
    formats: ['text', 'text', 'text', ...new Array<ColumnFormat>(8).fill('count')],
    rows: plan.shiftTable.map((row) => [
      row.type,
      row.start,
      row.end,
      ...row.people,
      row.people.reduce((s, n) => s + n, 0),
    ]),
  };
}

/** Every table of a plan, for the workbook: shifts, people, the 15-minute slots, the KPIs. */
export function rotaPlanTables(plan: RotaPlan, lang: Lang = 'zh'): ReportTable[] {
  const t = TEXT[lang];
  const breakName = new Map(
    t.breakNames.split(',').map((pair) => pair.split('=') as [string, string]),
  );
  const people: ReportTable = {
    title: t.people,
    headers: [t.person, t.daysOff, ...WEEKDAYS[lang]],
    formats: new Array<ColumnFormat>(9).fill('text'),
    rows: plan.people.map((person) => [
      person.id,
      person.daysOff.map((d) => WEEKDAYS[lang][d - 1]).join(' '),
      ...person.week.map((shift) =>
        shift
          ? `${shift.type} ${shift.start}–${shift.end} (${shift.breaks
              .map((b) => `${breakName.get(b.reason) ?? b.reason} ${b.start}`)
              .join(', ')})`
          : '',
      ),
    ]),
  };
  const s = plan.slots;
  const slots: ReportTable = {
    title: t.slots,
    headers: [t.weekday, t.time, t.calls, t.required, t.answering, t.onShift, t.current, t.lost],
    formats: ['text', 'text', 'decimal', 'count', 'count', 'count', 'decimal', 'decimal'],
    rows: s.calls.map((calls, slot) => [
      WEEKDAYS[lang][Math.floor(slot / SLOTS_PER_DAY)],
      clockOfMinute((slot % SLOTS_PER_DAY) * SLOT_MINUTES),
      calls,
      s.required[slot],
      s.answering[slot],
      s.onShift[slot],
      s.currentOnDuty[slot],
      s.expectedLost[slot],
    ]),
  };
  const {
    predictedWeek: week,
    predictedMonth: month,
    currentRotaPredictedWeek: current,
  } = plan.summary;
  const kpiRow = (label: string, pick: (k: typeof week) => number): (string | number)[] => [
    label,
    pick(week),
    pick(month),
    pick(current),
  ];
  const kpis: ReportTable = {
    title: t.kpis,
    headers: [t.item, t.planWeek, `${t.planMonth} ${month.month}`, t.currentWeek],
    formats: ['text', 'decimal', 'decimal', 'decimal'],
    rows: [
      kpiRow(t.offered, (k) => k.offered),
      kpiRow(t.answered, (k) => k.answered),
      kpiRow(t.lostCalls, (k) => k.lost),
      kpiRow(t.answerRate, (k) => Math.round(k.answerRate * 10000) / 100),
      kpiRow(t.tenSecond, (k) => Math.round(k.answeredWithinRate * 10000) / 100),
    ],
  };
  return [rotaShiftTable(plan, lang), people, slots, kpis];
}
