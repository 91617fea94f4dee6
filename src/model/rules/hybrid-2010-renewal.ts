import { Finding } from '../types';
import { RuleContext } from './context';

/**
 * Hybrid on Exchange 2010: connectors and the hybrid configuration have no
 * TlsCertificateName (the reference lists it from 2013). STARTTLS takes the valid
 * certificate enabled for SMTP whose names match the connector's FQDN, the newest one
 * winning, so a renewal works by names alone: nothing to re-pin, but an FQDN missing from
 * the new certificate, or an old certificate left valid beside it, decides what is presented.
 */
export function hybrid2010RenewalRule({ plan }: RuleContext): Finding[] {
  const hybrid = plan.hybrid;
  if (!hybrid || hybrid.selection !== 'connectorFqdn') return [];
  return [
    {
      id: 'EXC-HYBRID-2010-FQDN',
      severity: 'info',
      prop: 'hybrid',
      message: `${plan.exchangeVersion.displayName} chooses the certificate its hybrid connectors present by the connector's FQDN (the newest valid certificate enabled for SMTP that matches wins); there is no TlsCertificateName to update at this step or at renewal.`,
      remedy: `keep each hybrid connector's FQDN (usually ${hybrid.certificate.domain}) on the certificate at every renewal, enable the renewed certificate for SMTP, and remove the old one once the verify script shows STARTTLS presenting the new one.`,
    },
  ];
}
