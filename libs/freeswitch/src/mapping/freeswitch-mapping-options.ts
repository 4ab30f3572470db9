export interface FreeswitchMappingOptions {
  /**
   * Channel variable holding the integrated hotline (热线) the caller dialled, set in the
   * inbound dialplan and exported to the callcenter events (needs `verbose-channel-events=true`
   * in callcenter.conf.xml). Default `hotline`.
   */
  readonly lineVariable?: string;
}

export const DEFAULT_LINE_VARIABLE = 'hotline';
