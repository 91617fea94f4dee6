/** The Route53 hosted zones the records go in, and the names that must lie in them. */
import { ExchangeCertificatePlanProps, RootDomainResponder } from '../../props';
import { parseHostedZoneId } from '../hosted-zone-id';
import { InputProblems } from '../input-problems';
import { compareText, normalizeHostname, wildcardApex } from '../names';
import { zoneFinder } from '../zones';
import { PublicNames } from './host-names';

export function checkHostedZones(zones: ExchangeCertificatePlanProps['hostedZones'], problems: InputProblems): Record<string, string> | undefined {
  if (!zones || typeof zones !== 'object' || Object.keys(zones).length === 0) {
    problems.add('hostedZones', zones, 'must map at least one zone name to its Route53 hosted zone id.', "give { 'contoso.com': 'Z0123456789ABCDEFGHIJ' } for each public zone the names are in (Route53 console, or aws route53 list-hosted-zones).");
    return undefined;
  }
  const before = problems.count;
  const out: Record<string, string> = {};
  for (const [name, id] of Object.entries(zones)) {
    const zone = problems.check(() => normalizeHostname(`hostedZones['${name}']`, name, { requirePublic: true }));
    const zoneId = problems.check(() => parseHostedZoneId(`hostedZones['${name}']`, id));
    if (!zone || zoneId === undefined) continue;
    if (out[zone] !== undefined) {
      problems.add(`hostedZones['${name}']`, name, 'names the same zone twice.', 'keep one entry per zone.');
      continue;
    }
    out[zone] = zoneId;
  }
  if (problems.count > before) return undefined;
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => compareText(a, b)));
}

/**
 * Names at a zone apex are refused unless Exchange answers there; extra names must lie in
 * one of the zones (the plan publishes their records and CAA there).
 */
export function checkNamesInZones(
  props: ExchangeCertificatePlanProps,
  names: PublicNames,
  zones: Readonly<Record<string, string>>,
  rootDomainResponders: Readonly<Record<string, RootDomainResponder>>,
  problems: InputProblems,
): void {
  const zoneNames = Object.keys(zones);
  const isZone = new Set(zoneNames);
  const zoneOf = zoneFinder(zoneNames.map((name) => ({ name, id: zones[name] })));
  const apex = (prop: string, value: string, given: unknown) => {
    if (isZone.has(value) && rootDomainResponders[value]?.kind !== 'exchange') {
      problems.add(
        prop,
        given,
        `is the apex of the hosted zone ${value}: an A record there would take the name from the public web site (and usually exists already).`,
        `use a host name under it (mail.${value}); if the bare domain really points at Exchange, declare rootDomainResponders: { '${value}': RootDomainResponder.exchange() } and list it in additionalNames.`,
      );
    }
  };
  apex('externalHostname', names.externalHostname, props.externalHostname);
  apex('autodiscoverHostname', names.autodiscoverHostname, props.autodiscoverHostname);
  names.additionalNames.forEach((n, i) => {
    apex(`additionalNames[${i}]`, n, props.additionalNames![i]);
    const bare = wildcardApex(n);
    if (!zoneOf(bare)) {
      problems.add(`additionalNames[${i}]`, props.additionalNames![i], `is in no hosted zone of hostedZones (${zoneNames.join(', ')}); the plan must publish its records and CAA there.`, `add the Route53 zone of '${bare}' to hostedZones.`);
    }
  });
}
