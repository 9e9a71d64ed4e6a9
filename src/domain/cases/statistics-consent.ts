/**
 * The one gate of every statistic (reports, capture histories, outcome
 * cohorts, HTCDS records, private releases): may a person be counted?
 *
 * Rule: her consent to anonymous statistics is judged per person, over every
 * consent record of hers the count can see (all her cases in the organisation;
 * at network scope, her records in the other organisations too). Her most
 * recent decision counts: she is counted when it is a grant, so a withdrawal
 * later than every grant removes her everywhere, even if an older case still
 * shows the grant. A withdrawal recorded at the same instant as a grant wins,
 * and no decision at all means she is not counted.
 */
import type { ConsentEvent } from './consent';

export const STATISTICS_PURPOSE = 'anonymous_statistics';

/**
 * Her latest decision on anonymous statistics, or null when she was never asked.
 * @example latestStatisticsDecision(events)?.action // 'granted' | 'withdrawn'
 */
export function latestStatisticsDecision(events: readonly ConsentEvent[]): ConsentEvent | null {
  let latest: ConsentEvent | null = null;
  for (const event of events) {
    if (event.purpose !== STATISTICS_PURPOSE) continue;
    const order = latest === null ? 1 : Date.parse(event.at) - Date.parse(latest.at);
    // Equal instants: the withdrawal wins, whatever order the records came in.
    if (order > 0 || (order === 0 && event.action === 'withdrawn')) latest = event;
  }
  return latest;
}

/**
 * True when she may be counted in statistics: her latest decision on anonymous statistics is a grant.
 * @example mayBeCountedInStatistics([...caseA, ...caseB]) // false if she withdrew on either case after granting
 */
export function mayBeCountedInStatistics(events: readonly ConsentEvent[]): boolean {
  return latestStatisticsDecision(events)?.action === 'granted';
}
