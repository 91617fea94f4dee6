import { Finding } from '../types';
import { RuleContext } from './context';

/**
 * Hybrid with `replaceDefaultSmtpCertificate: true`: internal transport (TLS between the
 * Exchange servers) then uses the public certificate, which now changes every few months,
 * instead of the self-signed one hybrid deployments usually keep for it. Hybrid plans
 * default to false; this is the user's explicit choice, so it is a warning, not an error.
 */
export function hybridDefaultSmtpRule({ plan }: RuleContext): Finding[] {
  if (!plan.hybrid || !plan.serverSettings.replaceDefaultSmtpCertificate) return [];
  return [
    {
      id: 'EXC-HYBRID-DEFAULT-SMTP',
      severity: 'warning',
      prop: 'replaceDefaultSmtpCertificate',
      message: 'replaceDefaultSmtpCertificate: true in a hybrid organisation makes the public certificate the default SMTP certificate, so internal transport between the Exchange servers changes certificate at every renewal; hybrid needs the public certificate only on the hybrid connectors, which the scripts pin explicitly.',
      remedy: 'leave replaceDefaultSmtpCertificate out (hybrid plans default to false: internal transport keeps the self-signed certificate), unless something outside hybrid needs the public certificate as the default.',
    },
  ];
}
