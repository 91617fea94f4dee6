import { Finding } from '../types';
import { RuleContext } from './context';

/**
 * ACM Private CA signs a CSR that Terraform must know at synth. With requests made on the
 * server that is a two-step plan: first the request script, then a synth that reads it.
 */
export function requestSourceRule({ plan }: RuleContext): Finding[] {
  const offServer = plan.certificates.filter((c) => c.requestSource.kind === 'generateLocally');
  if (plan.issuer.kind === 'publicCa' && offServer.length > 0) {
    return [
      {
        id: 'EXC-KEY-OFF-SERVER',
        severity: 'warning',
        prop: 'certificateRequest',
        message: `the key of ${offServer.map((c) => `'${c.id}'`).join(', ')} is made on this machine, not on the Exchange server: it must travel to every server in a PFX, and whoever can read the key file can impersonate the mail service.`,
        remedy: 'prefer CertificateRequest.onServer() (the key never leaves the server) with a public CA; keep the key file on an encrypted, access-controlled machine and delete the PFX after the import.',
      },
    ];
  }
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
