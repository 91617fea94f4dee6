import { documentationRange } from '../ip';
import { Finding } from '../types';
import { RuleContext } from './context';

/**
 * Public addresses in the documentation ranges (RFC 5737, RFC 3849) are accepted, so
 * examples can use them, but nothing on the internet answers there: records pointing at
 * them would take the names off the air. One warning for all such addresses.
 */
export function documentationAddressesRule({ inputs }: RuleContext): Finding[] {
  const given = [
    ...inputs.publicIpv4.map((ip, i) => ({ prop: `publicIpv4[${i}]`, ip })),
    ...inputs.publicIpv6.map((ip, i) => ({ prop: `publicIpv6[${i}]`, ip })),
    ...(inputs.autodiscoverPublicIpv4 ? [{ prop: 'strategy.autodiscoverPublicIpv4', ip: inputs.autodiscoverPublicIpv4 }] : []),
    ...(inputs.autodiscoverPublicIpv6 ? [{ prop: 'strategy.autodiscoverPublicIpv6', ip: inputs.autodiscoverPublicIpv6 }] : []),
  ];
  const found = given.map((g) => ({ ...g, range: documentationRange(g.ip) })).filter((g) => g.range !== undefined);
  if (found.length === 0) return [];
  return [
    {
      id: 'EXC-DOCUMENTATION-ADDRESS',
      severity: 'warning',
      prop: found[0].prop,
      message: `${found.map((f) => `${f.ip} (${f.prop})`).join(', ')} ${found.length === 1 ? 'is' : 'are'} in the documentation range${new Set(found.map((f) => f.range)).size === 1 ? '' : 's'} ${[...new Set(found.map((f) => f.range))].join(', ')} (RFC 5737 / RFC 3849), which is never routed on the internet: the DNS records would point clients at nothing.`,
      remedy: 'fine for an example or a test; before a deploy, give the real public address of the firewall, NAT or load balancer in front of the servers.',
    },
  ];
}
