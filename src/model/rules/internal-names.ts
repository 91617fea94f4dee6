import { Finding } from '../types';
import { RuleContext } from './context';

/**
 * Internal names (NetBIOS names, `.local` FQDNs) may not be in a publicly trusted
 * certificate: CA/B Forum Baseline Requirements, none valid after 2015-11-01, all revoked
 * from 2016-10-01. A private CA may still sign them.
 */
export function internalNamesRule({ inputs, plan }: RuleContext): Finding[] {
  const internal = [...new Set(plan.certificates.flatMap((c) => c.internalNames))];
  if (!inputs.includeInternalNames) return [];
  if (plan.issuer.publiclyTrusted) {
    return [
      {
        id: 'EXC-INTERNAL-NAMES',
        severity: 'error',
        prop: 'includeInternalNames',
        message: `internal names (${internal.join(', ')}) cannot be on a certificate from ${plan.issuer.displayName}: since 2015-11-01 no publicly trusted certificate may carry names outside the public DNS (NetBIOS names, .local and other reserved domains; CA/Browser Forum Baseline Requirements), and server names under a public domain could only be validated by publishing them, which exposes the internal servers.`,
        remedy: `set includeInternalNames: false and use split DNS: an internal zone for the public names pointing at the servers, with the internal URLs and AutoDiscoverServiceInternalUri on ${plan.externalHostname} (the plan does this); or use acmPrivateCa()/enterpriseCa() if internal names are truly needed.`,
      },
    ];
  }
  return [
    {
      id: 'EXC-INTERNAL-NAMES-PRIVATE-CA',
      severity: 'info',
      prop: 'includeInternalNames',
      message: `internal names (${internal.join(', ')}) are on the certificate; ${plan.issuer.displayName} may sign them, but only clients that trust that CA accept it.`,
      remedy: 'distribute the CA root to every client that connects (group policy for domain members, by hand for phones and non-domain machines), or prefer split DNS with public names.',
    },
  ];
}
