import { Finding } from '../types';
import { RuleContext } from './context';

/** The Exchange Team's article on the most common hybrid certificate problem. */
export const HYBRID_TLS_BLOG = 'https://techcommunity.microsoft.com/blog/exchange/tls-certificates-in-exchange-hybrid---common-issues--how-to-fix-them/4420592';

/**
 * Hybrid on 2013 and later with a public issuer: public CAs issue from several
 * intermediates and rotate them, so a renewal can come with another issuer name. The
 * hybrid connectors and the hybrid configuration pin `<I>issuer<S>subject`; an issuer
 * change breaks hybrid mail flow (454 4.7.5) until they are re-pinned, which is why the
 * renewal scripts compare and re-pin at every renewal instead of only at this step.
 */
export function hybridIssuerRotationRule({ plan }: RuleContext): Finding[] {
  const hybrid = plan.hybrid;
  if (!hybrid || hybrid.selection !== 'tlsCertificateName' || !hybrid.certificate.issuerMayChangeAtRenewal) return [];
  return [
    {
      id: 'EXC-HYBRID-ISSUER-ROTATION',
      severity: 'info',
      prop: 'hybrid',
      message: `${plan.issuer.displayName} issues from intermediates it rotates, so a renewal of ${hybrid.certificate.domain} can carry another issuer name; the hybrid connectors and the hybrid configuration pin the certificate by issuer and subject (TlsCertificateName), and a stale pin stops hybrid mail flow with 454 4.7.5 (Exchange Team blog, 2025-06-04, ${HYBRID_TLS_BLOG}).`,
      remedy: 'after every renewal, once the renewed certificate is enabled for SMTP, run the hybrid re-pin script again: it re-pins every connector and the hybrid configuration that named the old certificate, only where the issuer or subject changed; the hybrid verify script then checks which certificate STARTTLS presents and fails on a connector left on the old one.',
    },
  ];
}
