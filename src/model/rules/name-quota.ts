import { Finding } from '../types';
import { RuleContext } from './context';

/** ACM allows 10 names per certificate by default and at most 100 with a raised quota. */
export function nameQuotaRule({ plan }: RuleContext): Finding[] {
  const max = plan.issuer.maxNamesPerCertificate;
  if (max === undefined) return [];
  return plan.certificates
    .filter((c) => c.names.length > max)
    .map((c) => ({
      id: 'EXC-NAME-QUOTA',
      severity: 'error' as const,
      prop: 'issuer.maxNamesPerCertificate',
      message: `certificate '${c.id}' needs ${c.names.length} names but ${plan.issuer.displayName} allows ${max} per certificate (ACM: 10 by default, at most 100).`,
      remedy: max < 100 ? `request an ACM quota increase and pass acm({ maxNamesPerCertificate: ${Math.min(100, c.names.length)} }), or cover additional email domains with SRV records instead of names.` : 'cover additional email domains with SRV records instead of names (srvRecord()).',
    }));
}
