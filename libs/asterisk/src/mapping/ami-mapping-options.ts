/** How AMI events are read into call events. */
export interface AmiMappingOptions {
  /**
   * Channel variable holding the integrated hotline (热线) the caller dialled. List it in
   * manager.conf `channelvars` so every channel event carries `ChanVariable: HOTLINE=…`.
   */
  readonly lineVariable: string;
  /** `UserEvent` name the post-call survey raises (`UserEvent(SurveyResult,Queue: …,Score: …,Agent: …)`). */
  readonly surveyUserEvent: string;
  /**
   * Agent id from a member interface (`Local/agent101@agents/n` → seat id). When absent the
   * member's `MemberName` is the agent id, as queue_log's agent column has it.
   */
  readonly agentNameFromInterface?: (iface: string) => string;
}

export const DEFAULT_AMI_MAPPING_OPTIONS: AmiMappingOptions = {
  lineVariable: 'HOTLINE',
  surveyUserEvent: 'SurveyResult',
};

export function resolveAmiMappingOptions(
  options: Partial<AmiMappingOptions> = {},
): AmiMappingOptions {
  return {
    lineVariable: options.lineVariable || DEFAULT_AMI_MAPPING_OPTIONS.lineVariable,
    surveyUserEvent: options.surveyUserEvent || DEFAULT_AMI_MAPPING_OPTIONS.surveyUserEvent,
    ...(options.agentNameFromInterface
      ? { agentNameFromInterface: options.agentNameFromInterface }
      : {}),
  };
}
