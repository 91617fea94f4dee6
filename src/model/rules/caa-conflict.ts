import { CertificateIssuer } from '../../issuer';
import { Finding } from '../types';
import { RuleContext } from './context';

/**
 * Whether the plan makes CAA records when `caaRecords` is not given: when the issuer has a
 * CAA identifier, except `acm()` without `additionalCaaIdentifiers`, whose CAA would forbid
 * the servers' own certificate (see below).
 */
export function defaultCaaRecords(issuer: CertificateIssuer, additionalCaaIdentifiers: readonly string[] | undefined): boolean {
  if (issuer.caaIdentifier === undefined) return false;
  return issuer.kind !== 'acm' || (additionalCaaIdentifiers?.length ?? 0) > 0;
}

/**
 * No plan publishes a CAA record that forbids a certificate the same plan needs. With
 * `acm()` the load balancer's certificate comes from Amazon, but ACM certificates cannot be
 * exported (provider 5.100.0), so the request script orders the servers' own certificate
 * for the same names from a public CA. CAA `0 issue "amazon.com"` alone at those names makes
 * that CA refuse (CAA is checked at issuance, RFC 8659). So `acm()` makes CAA records only
 * with `additionalCaaIdentifiers` (the servers' CA), and `caaRecords: true` without them is
 * refused.
 */
export function caaConflictRule({ plan, inputs }: RuleContext): Finding[] {
  if (plan.issuer.kind !== 'acm' || !inputs.caaRecords) return [];
  const others = inputs.caaIdentifiers.filter((c) => c !== plan.issuer.caaIdentifier);
  if (others.length > 0) return [];
  const names = plan.dnsRecords.filter((r) => r.type === 'CAA').map((r) => r.name);
  return [
    {
      id: 'EXC-CAA-BLOCKS-SERVER-CERTIFICATE',
      severity: 'error',
      prop: 'additionalCaaIdentifiers',
      message: `the plan publishes CAA 0 issue "${plan.issuer.caaIdentifier}" at ${names.join(', ')}, which only Amazon may issue for, while the request script orders the servers' own certificate for the same names from a public CA: that CA must refuse it.`,
      remedy: "name the servers' CA in additionalCaaIdentifiers (for example ['digicert.com']), or leave caaRecords out (acm() then makes no CAA records).",
    },
  ];
}
