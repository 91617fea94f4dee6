import { isAtOrUnder } from '../names';
import { Finding } from '../types';
import { RuleContext } from './context';

/**
 * Servers whose FQDN is not under `internalDomain`. Exchange supports a disjoint namespace
 * (a primary DNS suffix other than the AD domain), but more often the FQDN or the domain is
 * mistyped, and then the internal names on a private certificate and the split-DNS advice
 * are wrong. (An internal domain one slip away from the servers' domain is refused as a
 * typo in the input checks.)
 */
export function internalDomainRule({ inputs }: RuleContext): Finding[] {
  const domain = inputs.internalDomain;
  if (!domain) return [];
  const outside = inputs.servers.filter((s) => !isAtOrUnder(s.fqdn, domain));
  if (outside.length === 0) return [];
  const index = inputs.servers.indexOf(outside[0]);
  return [
    {
      id: 'EXC-SERVER-OUTSIDE-INTERNAL-DOMAIN',
      severity: 'warning',
      prop: `servers[${index}].fqdn`,
      message: `${outside.map((s) => `${s.name} (${s.fqdn})`).join(', ')} ${outside.length === 1 ? 'is' : 'are'} not in the internal domain ${domain}: either a typo in the FQDN or internalDomain, or a disjoint namespace.`,
      remedy: `check the FQDN with Get-ExchangeServer (Fqdn) and the AD domain with (Get-ADDomain).DNSRoot; correct the one that is wrong, or leave it if the servers really use another DNS suffix than ${domain}.`,
    },
  ];
}
