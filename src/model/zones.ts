/** Finds the hosted zone a record belongs in. Pure helper. */
import { isAtOrUnder } from './names';

/** A Route53 hosted zone the plan may write to. */
export interface HostedZone {
  readonly name: string;
  readonly id: string;
}

/** The zone whose name is the longest suffix of `recordName`, or undefined. */
export function zoneFor(recordName: string, zones: readonly HostedZone[]): HostedZone | undefined {
  let best: HostedZone | undefined;
  for (const zone of zones) {
    if (isAtOrUnder(recordName, zone.name) && (!best || zone.name.length > best.name.length)) {
      best = zone;
    }
  }
  return best;
}
