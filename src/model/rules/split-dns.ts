import { Finding } from '../types';
import { RuleContext } from './context';

/** Without internal names on the certificate, internal clients must resolve the public names to the servers. */
export function splitDnsRule({ plan }: RuleContext): Finding[] {
  if (plan.internalDnsRecords.length === 0) return [];
  const missing = plan.internalDnsRecords.filter((r) => r.value === undefined).map((r) => r.name);
  return [
    {
      id: 'EXC-SPLIT-DNS',
      severity: missing.length > 0 ? 'warning' : 'info',
      message: `internal clients use ${[...new Set(plan.internalDnsRecords.map((r) => r.name))].join(', ')}; the internal DNS zone must answer them with the servers' internal addresses${missing.length > 0 ? ` (addresses unknown: give servers[].ipv4)` : ''}.`,
      remedy: 'create the internal records listed in the plan on the Active Directory DNS servers (a zone per public name, or the public zone mirrored inside).',
    },
  ];
}
