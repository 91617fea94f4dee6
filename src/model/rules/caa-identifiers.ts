import { caaIdentifierVerdict } from '../caa-identifiers';
import { Finding } from '../types';
import { RuleContext } from './context';

/**
 * CAA identifiers that are not in the table of CA-documented identifiers
 * (`caa-identifiers.ts`): they may be right (many CAs are not in the table), but a wrong one
 * blocks issuance, so the review says which were not checked. Near misses of a documented
 * identifier are refused in the input checks.
 */
export function caaIdentifiersRule({ inputs }: RuleContext): Finding[] {
  const unknown = inputs.caaIdentifiers.filter((id) => caaIdentifierVerdict(id).kind === 'unknown');
  if (unknown.length === 0) return [];
  return [
    {
      id: 'EXC-CAA-IDENTIFIER-UNCHECKED',
      severity: 'info',
      prop: inputs.caaIdentifiers[0] === unknown[0] ? 'issuer.caaIdentifier' : 'additionalCaaIdentifiers',
      message: `the CAA identifier${unknown.length === 1 ? '' : 's'} ${unknown.map((u) => `'${u}'`).join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not among those this library has from the CAs' own documentation; a CAA record with a wrong identifier makes the CA refuse to issue.`,
      remedy: "check the value on the CA's CAA page (it is the CA's domain, like 'digicert.com', never its web host 'www.…') before the CAA records go live.",
    },
  ];
}
