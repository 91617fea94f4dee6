/**
 * The external DNS records of a plan: A/AAAA for every published host name, SRV for
 * Autodiscover where the strategy uses it, CAA for the issuer at the certificate's names.
 */
import { PlanInputError } from './errors';
import { NormalizedInputs } from './inputs';
import { compareText, idFragment, wildcardApex } from './names';
import { DEFAULT_WEB_SITE } from './san-list';
import { zoneFinder } from './zones';
import { DnsRecordType, PlannedCertificate, PlannedDnsRecord, PlannedEmailDomain, PublicHostname } from './types';

/** The public host names clients reach, where they point, and what answers there. */
export function publicHostnames(inputs: NormalizedInputs, certificates: readonly PlannedCertificate[]): PublicHostname[] {
  const main = certificates[0];
  const out: PublicHostname[] = [];
  const seen = new Set<string>();
  const add = (name: string, ipv4: readonly string[], ipv6: readonly string[], webSite: string, certificateId: string) => {
    if (seen.has(name)) return; // the first one named wins
    seen.add(name);
    out.push({ name, ipv4: [...ipv4], ipv6: [...ipv6], webSite, certificateId });
  };
  if (inputs.strategy === 'twoCertificates') {
    const ad = certificates[1];
    add(inputs.externalHostname, inputs.publicIpv4, inputs.publicIpv6, DEFAULT_WEB_SITE, main.id);
    add(inputs.autodiscoverHostname, [inputs.autodiscoverPublicIpv4!], inputs.autodiscoverPublicIpv6 ? [inputs.autodiscoverPublicIpv6] : [], inputs.autodiscoverWebSiteName!, ad.id);
  }
  // Every public, non-wildcard name on the main certificate is a host clients use.
  for (const name of main.publicNames) {
    if (name.startsWith('*.')) continue;
    add(name, inputs.publicIpv4, inputs.publicIpv6, DEFAULT_WEB_SITE, main.id);
  }
  return out;
}

/** Every record the plan creates, ordered by zone, name and type. */
export function planDnsRecords(
  inputs: NormalizedInputs,
  certificates: readonly PlannedCertificate[],
  hosts: readonly PublicHostname[],
  emailDomains: readonly PlannedEmailDomain[],
): PlannedDnsRecord[] {
  const zoneOf = zoneFinder(Object.entries(inputs.hostedZones).map(([name, id]) => ({ name, id })));
  const records: PlannedDnsRecord[] = [];
  /** Where each name and type is in `records`: a second record of the same name and type adds its values to the first. */
  const position = new Map<string, number>();
  const add = (name: string, type: DnsRecordType, values: string[], purpose: string, prop: string) => {
    const zone = zoneOf(wildcardApex(name));
    if (!zone) {
      throw new PlanInputError(
        'hostedZones',
        Object.keys(inputs.hostedZones),
        `has no zone for the ${type} record '${name}' (needed for ${prop}).`,
        `add the Route53 hosted zone that holds '${name}' to hostedZones.`,
      );
    }
    const key = `${type} ${name}`;
    const existing = position.get(key);
    if (existing !== undefined) {
      const r = records[existing];
      records[existing] = { ...r, values: [...r.values, ...values.filter((v) => !r.values.includes(v))] };
      return;
    }
    position.set(key, records.length);
    records.push({ id: `${type.toLowerCase()}_${idFragment(name)}`, zoneName: zone.name, zoneId: zone.id, name, type, ttl: inputs.dnsTtl, values, purpose });
  };

  for (const host of hosts) {
    const what = `${host.webSite} on ${host.ipv4.concat(host.ipv6).join(', ')}`;
    if (host.ipv4.length > 0) add(host.name, 'A', [...host.ipv4], `${host.name} answers at ${what} (certificate '${host.certificateId}')`, host.name === inputs.externalHostname ? 'externalHostname' : 'the certificate names');
    if (host.ipv6.length > 0) add(host.name, 'AAAA', [...host.ipv6], `${host.name} answers over IPv6 at ${what}`, 'publicIpv6');
  }

  for (const d of emailDomains) {
    if (d.autodiscover === 'srv' && d.srvTarget) {
      add(`_autodiscover._tcp.${d.domain}`, 'SRV', [`0 0 443 ${d.srvTarget}`], `Outlook finds Autodiscover for ${d.domain} at https://${d.srvTarget}/Autodiscover/Autodiscover.xml`, d.primary ? 'emailDomain' : 'additionalEmailDomains');
    }
  }

  if (inputs.caaIdentifiers.length > 0) {
    const allowed = inputs.caaIdentifiers;
    const who = allowed.length === 1 ? `only ${inputs.issuerObject.displayName}` : `only ${inputs.issuerObject.displayName} and ${allowed.slice(1).join(', ')}`;
    const zoneApexes = new Set(Object.keys(inputs.hostedZones));
    const seen = new Set<string>();
    for (const cert of certificates) {
      for (const name of cert.publicNames) {
        const wildcard = name.startsWith('*.');
        const at = wildcardApex(name);
        const key = `${at}|${wildcard}`;
        if (seen.has(key) || zoneApexes.has(at)) continue; // never at a zone apex: it would bind every certificate of the zone
        seen.add(key);
        add(at, 'CAA', allowed.map((caa) => `0 ${wildcard ? 'issuewild' : 'issue'} "${caa}"`), `${who} may issue ${wildcard ? 'wildcard ' : ''}certificates for ${name}`, 'caaRecords');
      }
    }
  }

  const order: DnsRecordType[] = ['A', 'AAAA', 'CAA', 'SRV'];
  return records
    .map((r) => ({ ...r, values: [...r.values].sort() }))
    .sort((a, b) => compareText(a.zoneName, b.zoneName) || compareText(a.name, b.name) || order.indexOf(a.type) - order.indexOf(b.type));
}
