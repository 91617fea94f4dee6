/** Finds the hosted zone a record belongs in. Pure helper. */

/** A Route53 hosted zone the plan may write to. */
export interface HostedZone {
  readonly name: string;
  readonly id: string;
}

/** Finds the zone of a record name; see `zoneFinder`. */
export type ZoneFinder = (recordName: string) => HostedZone | undefined;

/**
 * An index of `zones`, built once. Its finder gives the zone whose name is the longest
 * suffix of a record name (the name itself or a parent, as `isAtOrUnder` in names.ts
 * says), or undefined. It looks up the name, then each parent from the longest down: one
 * Map lookup per label, however many zones there are (a plan may have one per email
 * domain). Of two zones with the same name the first wins.
 */
export function zoneFinder(zones: readonly HostedZone[]): ZoneFinder {
  const byName = new Map<string, HostedZone>();
  for (const zone of zones) if (!byName.has(zone.name)) byName.set(zone.name, zone);
  return (recordName) => {
    for (let at = 0; ; ) {
      const zone = byName.get(recordName.slice(at));
      if (zone) return zone;
      const dot = recordName.indexOf('.', at);
      if (dot < 0) return undefined;
      at = dot + 1;
    }
  };
}

/** The zone whose name is the longest suffix of `recordName`, or undefined: for one name; for many, build a `zoneFinder` once. */
export function zoneFor(recordName: string, zones: readonly HostedZone[]): HostedZone | undefined {
  return zoneFinder(zones)(recordName);
}
