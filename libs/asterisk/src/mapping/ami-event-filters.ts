import { type AmiMappingOptions, resolveAmiMappingOptions } from './ami-mapping-options';

/** Every AMI event AmiEventMapper.map() reads; all others are ignored. */
export const AMI_MAPPED_EVENTS: readonly string[] = [
  'QueueCallerJoin',
  'QueueCallerLeave',
  'QueueCallerAbandon',
  'AgentCalled',
  'AgentRingNoAnswer',
  'AgentConnect',
  'AgentComplete',
  'QueueMemberAdded',
  'QueueMemberRemoved',
  'QueueMemberStatus',
  'QueueMemberPause',
  'VarSet',
  'Newexten',
  'Hangup',
  'UserEvent',
];

/** POSIX ERE special characters, for a configured name used inside a filter. */
function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Whitelist filters for the AMI `Filter` action (`Operation: Add`) or manager.conf
 * `eventfilter=` lines, asking only for what the mapper reads. Asterisk matches each one as a
 * POSIX extended regex against the whole event text ("Event: X\r\nPrivilege: …"; manager.c
 * compiles them with REG_EXTENDED and no REG_NEWLINE, so `.` also crosses line ends), and with
 * only whitelist filters drops every event none matches. `[[:space:]]` ends a name so that
 * `Hangup` does not also let `HangupRequest` through.
 *
 * Of the VarSet events (half of the whole AMI traffic) only two variables are kept:
 * `QUEUESTATUS`, which tells a hang-up from a timeout/leave-empty after QueueCallerAbandon
 * and is the *only* trace of a refused caller (FULL, JOINEMPTY — app_queue raises no queue
 * event for those), and the line variable (set as `__HOTLINE`, inherited). Of Newexten only
 * the step entering `Queue()`, whose AppData names the queue a refused caller was refused by.
 */
export function amiEventFilters(options: Partial<AmiMappingOptions> = {}): string[] {
  const { lineVariable, surveyUserEvent } = resolveAmiMappingOptions(options);
  const end = '[[:space:]]';
  return [
    `Event: (QueueCallerJoin|QueueCallerLeave|QueueCallerAbandon)${end}`,
    `Event: (AgentCalled|AgentRingNoAnswer|AgentConnect|AgentComplete)${end}`,
    `Event: (QueueMemberAdded|QueueMemberRemoved|QueueMemberStatus|QueueMemberPause)${end}`,
    `Event: Hangup${end}`,
    `Event: VarSet${end}.*Variable: (QUEUESTATUS|(__?)?${escapeRegex(lineVariable)})${end}`,
    `Event: Newexten${end}.*Application: Queue${end}`,
    `Event: UserEvent${end}.*UserEvent: ${escapeRegex(surveyUserEvent)}${end}`,
  ];
}
