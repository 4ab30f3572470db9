/** What Asterisk prints about a channel in every channel event (ast_manager_build_channel_state_string). */
export interface ChannelSnapshot {
  readonly name: string;
  readonly state: ChannelStateCode;
  readonly callerNum: string;
  readonly callerName: string;
  readonly connectedNum: string;
  readonly connectedName: string;
  readonly context: string;
  readonly exten: string;
  readonly priority: number;
  readonly uniqueid: string;
  readonly linkedid: string;
  /** HOTLINE channel variable (manager.conf channelvars); '' until set; undefined = no channelvars. */
  readonly hotline?: string;
}

export type ChannelStateCode = 0 | 4 | 5 | 6;
const STATE_DESC: Record<ChannelStateCode, string> = {
  0: 'Down',
  4: 'Ring',
  5: 'Ringing',
  6: 'Up',
};

/** The channel block with a prefix ('' , 'Dest', 'LocalOne', 'Transferee'…), in Asterisk's order. */
export function channelBlock(prefix: string, c: ChannelSnapshot): [string, string][] {
  const block: [string, string][] = [
    [`${prefix}Channel`, c.name],
    [`${prefix}ChannelState`, String(c.state)],
    [`${prefix}ChannelStateDesc`, STATE_DESC[c.state]],
    [`${prefix}CallerIDNum`, c.callerNum],
    [`${prefix}CallerIDName`, c.callerName],
    [`${prefix}ConnectedLineNum`, c.connectedNum],
    [`${prefix}ConnectedLineName`, c.connectedName],
    [`${prefix}Language`, 'en'],
    [`${prefix}AccountCode`, ''],
    [`${prefix}Context`, c.context],
    [`${prefix}Exten`, c.exten],
    [`${prefix}Priority`, String(c.priority)],
    [`${prefix}Uniqueid`, c.uniqueid],
    [`${prefix}Linkedid`, c.linkedid],
  ];
  if (c.hotline !== undefined) block.push([`${prefix}ChanVariable`, `HOTLINE=${c.hotline}`]);
  return block;
}
