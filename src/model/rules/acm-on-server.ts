import { Finding } from '../types';
import { RuleContext } from './context';

/**
 * ACM public certificates cannot be exported with provider 5.100.0 (export needs 6.4.0),
 * so they serve an AWS load balancer, never IIS. Exchange 2019 CU14+ and SE turn on
 * Extended Protection, which breaks when a proxy terminates TLS with another certificate.
 */
export function acmOnServerRule({ plan }: RuleContext): Finding[] {
  if (plan.issuer.kind !== 'acm') return [];
  const out: Finding[] = [
    {
      id: 'EXC-ACM-LOAD-BALANCER',
      severity: 'warning',
      prop: 'issuer',
      message: 'ACM certificates stay in AWS: they can be attached to a load balancer in front of Exchange but not imported on the server, which still needs its own certificate for the same names for the load balancer to re-encrypt to.',
      remedy: "point the public addresses at the load balancer (an NLB with Elastic IPs), attach the ACM certificate there, and give the servers a certificate with the same names from a public CA, allowed by additionalCaaIdentifiers (for example ['digicert.com']) so the CAA records do not block it; or use publicCa() end to end.",
    },
  ];
  if (['2016', '2019', 'SE'].includes(plan.exchangeVersion.name)) {
    out.push({
      id: 'EXC-EXTENDED-PROTECTION',
      severity: 'warning',
      prop: 'issuer',
      message: `${plan.exchangeVersion.displayName} uses Extended Protection (recommended since the August 2022 updates, on by default from 2019 CU14 and in SE), which fails when a proxy presents a different certificate than the server: a load balancer with the ACM certificate breaks NTLM/Kerberos for Outlook and EWS.`,
      remedy: 'bridge TLS with the same certificate on the proxy and the server (not possible with a non-exportable ACM certificate), use a layer-4 load balancer that passes TLS through, or use publicCa().',
    });
  }
  return out;
}
