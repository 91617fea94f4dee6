/**
 * The hybrid section's sentences, shared by PLAN.md and plan.json: what each step does to a
 * connector, which certificate SMTP presents outbound, when the Exchange Online script runs,
 * the Auth certificate's dates. Built from `plan.hybrid`; the scripts' file names come from
 * the rendered files, never from a constant here.
 */
import { compareText } from '../model/names';
import { ExchangeOnlineChange, ExchangePlan, HybridPinChange, PlannedAuthCertificate, PlannedHybrid, PlannedHybridConnector } from '../model/types';
import { GeneratedFile } from '../output/generated-file';

/**
 * What a step does to a pinned connector or the hybrid configuration (the version note says
 * why): at this step the pin is expected to change whenever the certificate the wizard was given
 * is not this one (another CA, issuing CA or subject); at each renewal only when the renewed
 * certificate comes with another issuer or subject. The re-pin script sets; the hybrid verify
 * script checks which certificate STARTTLS presents.
 */
export function pinChangeText(change: HybridPinChange, at: 'step' | 'renewal' = 'renewal'): string {
  if (change !== 'repinWhenChanged') return "nothing to set: the connector's FQDN must be on the new certificate";
  return at === 'step'
    ? "TlsCertificateName re-pinned to the new certificate: expected to change unless the Hybrid Configuration Wizard was given a certificate with this issuer and subject; the hybrid verify script then checks which certificate STARTTLS presents"
    : 'TlsCertificateName re-pinned only if the renewed certificate has another issuer (an intermediate rotation at the CA) or subject, else unchanged; the hybrid verify script then checks which certificate STARTTLS presents';
}

/** 'Send connector', 'Receive connector on EX01', 'hybrid configuration'. */
export function connectorWhere(c: PlannedHybridConnector): string {
  if (c.kind === 'hybridConfiguration') return 'organisation (Set-HybridConfiguration)';
  if (c.kind === 'sendConnector') return 'organisation (Set-SendConnector)';
  return c.onEdgeServer ? `${c.server} (Edge Transport: Set-ReceiveConnector on the Edge server itself, then a new Edge Subscription)` : `${c.server} (Set-ReceiveConnector)`;
}

/** What the scripts find besides the declared connectors. */
export function discoveryText(plan: ExchangePlan, hybrid: PlannedHybrid): string {
  if (hybrid.selection !== 'tlsCertificateName') return 'nothing is pinned on this version; the scripts read Get-HybridConfiguration and check the FQDN of the Send connectors to Exchange Online and of the Receive connectors on the plan\'s servers is on the new certificate.';
  return `the hybrid configuration (Get-HybridConfiguration) and the wizard's Send connector ("${hybrid.discovery.wizardSendConnectorPrefix}", with " - GUID" since 2015, or the one whose smart host is *.mail.protection.outlook.com), and every Send connector and every Receive connector on the ${plan.servers.length === 1 ? 'server' : `${plan.servers.length} servers`} whose TlsCertificateName names the certificate being replaced (one with the planned names, or whatever the hybrid configuration and the wizard's connector pin, so a subject change is followed), declared or not. Before any change the re-pin script checks that every source server of those Send connectors and every transport server of the hybrid configuration holds the new certificate, and stops, changing nothing, when one outside the plan does not.`;
}

/** The default SMTP certificate and what internal transport uses. */
export function defaultSmtpText(plan: ExchangePlan): string {
  return plan.serverSettings.replaceDefaultSmtpCertificate
    ? 'replaced: the public certificate becomes the default SMTP certificate, so internal transport changes certificate at each renewal (replaceDefaultSmtpCertificate: true).'
    : 'kept: internal transport between the Exchange servers stays on the default (normally self-signed) certificate; the public certificate is enabled for SMTP and selected for the hybrid connectors explicitly.';
}

/** Which certificate the on-premises side presents when it sends. */
export function outboundText(plan: ExchangePlan, hybrid: PlannedHybrid): { toExchangeOnline: string; toOtherDomains: string } {
  const id = hybrid.outbound.toExchangeOnlineCertificateId;
  const toExchangeOnline =
    hybrid.selection === 'tlsCertificateName'
      ? `certificate '${id}' (${hybrid.certificate.domain}), pinned by TlsCertificateName on the Send connector to Exchange Online.`
      : `certificate '${id}' (${hybrid.certificate.domain}), the newest valid certificate enabled for SMTP matching the Send connector's FQDN.`;
  const fallback = plan.serverSettings.replaceDefaultSmtpCertificate ? `the default SMTP certificate, which is certificate '${id}' too` : 'the default SMTP certificate (normally the self-signed one)';
  return {
    toExchangeOnline,
    toOtherDomains: `Send connectors that pin no certificate (partner domains, the Internet) present the certificate matching their FQDN, else ${fallback}.`,
  };
}

/** The client-authentication EKU line. */
export function clientAuthEkuText(plan: ExchangePlan, hybrid: PlannedHybrid): string {
  const change = hybrid.outbound.clientAuthEkuChange;
  const microsoft = 'Microsoft has not documented whether Exchange Online requires that EKU of the on-premises certificate.';
  if (!change) return `no dated removal of the TLS Client Authentication EKU is recorded for ${plan.issuer.displayName} in this version of the library. ${microsoft}`;
  const when = { thisIssue: 'this certificate will not carry it', laterRenewal: 'a later renewal will be the first without it', unknown: 'without plannedIssueDate the plan cannot say which certificate is the first without it' }[hybrid.outbound.clientAuthEkuMissingFrom ?? 'unknown'];
  return `${change.ca} leaves it out of ${change.scope} from ${change.from} (${change.source}): ${when}. ${microsoft}`;
}

/** The file of the Exchange Online script among the rendered files, when there is one. */
export function exchangeOnlineScript(files: readonly GeneratedFile[]): GeneratedFile | undefined {
  return [...files].sort((a, b) => compareText(a.path, b.path)).find((f) => /exchange-?online/i.test(f.path));
}

/** The on-premises re-pin script among the rendered files, when there is one. */
export function repinScript(files: readonly GeneratedFile[]): GeneratedFile | undefined {
  return [...files].sort((a, b) => compareText(a.path, b.path)).find((f) => /re-?pin/i.test(f.path));
}

/** When the Exchange Online script must run. */
export function exchangeOnlineWhen(change: ExchangeOnlineChange, at: 'step' | 'renewal', script: string): string {
  if (change === 'change') return `run ${script} in Exchange Online PowerShell right after the on-premises binding script: Exchange Online expects other names until then.`;
  if (change === 'runToCheck') return `run ${script} in Exchange Online PowerShell once after the on-premises binding script; it compares and changes only what differs.`;
  return at === 'renewal' ? `not needed: renewals keep the certificate's names (run ${script} only if they change).` : `not needed: the certificate keeps the name Exchange Online expects (run ${script} only if it changes).`;
}

/** The Auth certificate rows: what is known and when it is rotated. */
export function authCertificateFacts(auth: PlannedAuthCertificate): [string, string][] {
  const rotation =
    auth.rotationDateFrom === 'prop'
      ? `${auth.rotationDate} (hybrid.authCertificate.rotationDate)`
      : auth.rotationDateFrom === 'beforeExpiry'
        ? `${auth.rotationDate} (${auth.rotateDaysBeforeExpiry} days before it expires)`
        : `not known at plan time: the verify script reads the expiry (Get-AuthConfig, Get-ExchangeCertificate) and reports it; plan the rotation ${auth.rotateDaysBeforeExpiry} days before it.`;
  return [
    ['Auth certificate', `the Exchange Auth (OAuth) certificate, self-signed, separate from the plan's certificates${auth.thumbprint ? `; thumbprint ${auth.thumbprint}` : ''}`],
    ['Auth certificate expires', auth.notAfter ?? 'not given: read by the scripts'],
    ['Auth certificate rotation', rotation],
    [
      'Auth certificate rotation steps',
      `two runs at least ${auth.minimumHoursBetweenRuns} hours apart: first a new certificate and Set-AuthConfig -NewCertificateThumbprint with -NewCertificateEffectiveDate ${auth.minimumHoursBetweenRuns} hours ahead; then Set-AuthConfig -PublishCertificate and -ClearPreviousCertificate; then in hybrid the Hybrid Configuration Wizard again, or with the dedicated hybrid application ConfigureExchangeHybridApplication.ps1 -UpdateCertificate.`,
    ],
  ];
}
