/**
 * The order agents are listed and seated in: by id, numbers by value (PJSIP/9 before PJSIP/10).
 * One collator for every comparison: `localeCompare` with options builds one per call, which
 * was most of a push pass's seat map (docs/scale.md, "What limits the latency").
 */
const collator = new Intl.Collator('en', { numeric: true });

export const compareAgentIds = (a: string, b: string): number => collator.compare(a, b);
