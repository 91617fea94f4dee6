import { Finding } from '../types';
import { RuleContext } from './context';

/**
 * ACM Private CA signs a CSR that Terraform must know at synth. With requests made on the
 * server that is a two-step plan: first the request script, then a synth that reads it.
 */
export function requestSourceRule({ plan }: RuleContext): Finding[] {
  if (plan.issuer.kind !== 'acmPrivateCa') return [];
  const waiting = plan.certificates.filter((c) => c.requestSource.kind === 'onServer');
  if (waiting.length === 0) return [];
  return [
    {
      id: 'EXC-REQUEST-PENDING',
      severity: 'info',
      prop: 'certificateRequest',
      message: `ACM Private CA can sign ${waiting.map((c) => `'${c.id}'`).join(', ')} only once the request exists: this synth plans DNS and the request script, not the certificate yet.`,
      remedy: "run the request script on the server, copy the .req file here and set certificateRequest: CertificateRequest.fromFile('<file>'), then synth again: the request is checked against the plan and aws_acmpca_certificate signs it.",
    },
  ];
}
