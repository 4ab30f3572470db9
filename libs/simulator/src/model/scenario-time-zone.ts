import { TimeZone } from '@hotline/calendar';

/**
 * The simulated centre's zone. A scenario's hourProfile and weekdayProfile are Asia/Shanghai
 * wall time (the calibrated Lüliang 12345 centre) whatever zone the monitor is configured with;
 * its days, hours and weekdays come from the one calendar (@hotline/calendar) like the
 * monitor's.
 */
export const SCENARIO_TIME_ZONE = 'Asia/Shanghai';

export const scenarioZone = TimeZone.of(SCENARIO_TIME_ZONE);
