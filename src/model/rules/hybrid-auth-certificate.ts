import { Finding } from '../types';
import { RuleContext } from './context';

/**
 * Hybrid: the Exchange Auth (OAuth) certificate is planned on its own date. When the admin
 * gave its expiry and the plan has a date of its own (`plannedIssueDate`, never the clock),
 * an Auth certificate already expired, or whose rotation is already due, on that day is a
 * warning: OWA, ECP and the hybrid features (free/busy, mailbox moves) fail when it expires.
 */
export function hybridAuthCertificateRule({ inputs, plan }: RuleContext): Finding[] {
  const auth = plan.hybrid?.authCertificate;
  const day = inputs.plannedIssueDate;
  if (!auth || !day || !auth.notAfter || !auth.rotationDate) return [];
  const rotation = 'rotate it now: run the Auth certificate script (a new certificate effective in 48 hours), its second run at least 48 hours later (publish, clear the previous), then in hybrid re-run the Hybrid Configuration Wizard, or with the dedicated hybrid application run ConfigureExchangeHybridApplication.ps1 -UpdateCertificate.';
  // Expired: Microsoft's procedure replaces it at once (effective now, publish, clear), no 48 hours.
  const replacement = 'replace it at once: run the Auth certificate script (it sees the expired certificate and in one run makes a new one effective now, publishes it and clears the previous one), recycle MSExchangeOWAAppPool and MSExchangeECPAppPool on every server, then in hybrid re-run the Hybrid Configuration Wizard, or with the dedicated hybrid application run ConfigureExchangeHybridApplication.ps1 -UpdateCertificate.';
  if (auth.notAfter <= day) {
    return [
      {
        id: 'EXC-HYBRID-AUTH-CERTIFICATE',
        severity: 'warning',
        prop: 'hybrid.authCertificate.notAfter',
        message: `The Exchange Auth certificate expires on ${auth.notAfter}, on or before plannedIssueDate (${day}): OWA, ECP and hybrid features (free/busy, mailbox moves, OAuth with Exchange Online) fail without a valid one.`,
        remedy: replacement,
      },
    ];
  }
  if (auth.rotationDate > day) return [];
  return [
    {
      id: 'EXC-HYBRID-AUTH-CERTIFICATE',
      severity: 'warning',
      prop: 'hybrid.authCertificate',
      message: `The Exchange Auth certificate's rotation is due on ${auth.rotationDate} (it expires on ${auth.notAfter}), on or before plannedIssueDate (${day}).`,
      remedy: rotation,
    },
  ];
}
