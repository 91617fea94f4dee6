/**
 * The certificate clients get on SMTP submission (port 587), POP3 and IMAP4. Enabling a
 * certificate for SMTP, POP or IMAP is not enough: Exchange picks the certificate for these
 * by name, and by default that name is the server's own, which only the self-signed
 * certificate carries.
 * - SMTP submission: the default client Receive connector ('Client SERVER01' on 2007/2010,
 *   'Client Frontend SERVER01' on 2013 and later) presents the SMTP-enabled certificate
 *   whose name matches the connector's -Fqdn.
 * - POP3 / IMAP4: Set-PopSettings / Set-ImapSettings -X509CertificateName, read when the
 *   services start (MSExchangePOP3 / MSExchangeIMAP4, plus the ...BE back-end services from
 *   2013).
 * The Default connector (port 25) keeps its FQDN: other mail servers and Exchange servers
 * meet this server by it.
 */
import { ExchangeService } from '../exchange-service';
import { ExchangeVersion } from '../exchange-version';
import { ExchangePlan, PlannedCertificate } from '../model/types';
import { arg, psCommand } from './command';
import { exchangeStepLines } from './exchange-step';
import { psList, psQuote } from './quote';
import { certificatesOn } from './server-bindings';
import { versionTraits } from './version-table';

export type MailProtocol = 'POP' | 'IMAP';

const PROTOCOLS: Readonly<Record<MailProtocol, { readonly noun: string; readonly label: string }>> = {
  POP: { noun: 'PopSettings', label: 'POP3' },
  IMAP: { noun: 'ImapSettings', label: 'IMAP4' },
};

/** 'SERVER01\Client SERVER01' (2007/2010) or 'SERVER01\Client Frontend SERVER01' (2013 and later). */
export function clientReceiveConnectorIdentity(version: ExchangeVersion, server: string): string {
  return `${server}\\${versionTraits(version).clientReceiveConnector} ${server}`;
}

/** What the plan sets on a server for mail clients: the name each protocol presents. */
export interface ClientProtocolPlan {
  /** Host name for the client Receive connector, when a certificate on the server is enabled for SMTP. */
  readonly submission?: string;
  /** Host name for POP3 / IMAP4, when a certificate on the server is enabled for it. */
  readonly POP?: string;
  readonly IMAP?: string;
}

/** The client-facing name on the certificate: the plan's external host name when it carries it, else its CN. */
function nameOn(plan: ExchangePlan, cert: PlannedCertificate): string {
  return cert.names.includes(plan.externalHostname) ? plan.externalHostname : cert.subject.commonName;
}

export function clientProtocolPlan(plan: ExchangePlan, server: string): ClientProtocolPlan {
  const withService = (s: ExchangeService) => certificatesOn(plan, server).find((c) => c.services.includes(s));
  const smtp = withService(ExchangeService.SMTP);
  const pop = withService(ExchangeService.POP);
  const imap = withService(ExchangeService.IMAP);
  return {
    ...(smtp ? { submission: nameOn(plan, smtp) } : {}),
    ...(pop ? { POP: nameOn(plan, pop) } : {}),
    ...(imap ? { IMAP: nameOn(plan, imap) } : {}),
  };
}

/** Sets the client Receive connector's FQDN, when it differs. */
function submissionLines(version: ExchangeVersion, server: string, hostname: string): string[] {
  const identity = clientReceiveConnectorIdentity(version, server);
  return [
    `$connector = @(${psCommand(version, 'Get-ReceiveConnector', [arg('Identity', psQuote(identity)), arg('ErrorAction', "'SilentlyContinue'")])})`,
    'if ($connector.Count -eq 0) {',
    `    Write-Warning ${psQuote(`No Receive connector ${identity} (the default client submission connector, port 587) on this server: set -Fqdn ${hostname} on the connector your clients submit to.`)}`,
    `} elseif (([string]$connector[0].Fqdn) -eq ${psQuote(hostname)}) {`,
    `    Write-Host ${psQuote(`${identity}: FQDN is already ${hostname}.`)}`,
    '} else {',
    `    Write-Host (${psQuote(`${identity}: FQDN before '`)} + [string]$connector[0].Fqdn + ${psQuote(`', planned '${hostname}'.`)})`,
    ...exchangeStepLines(version, {
      step: `Set-ReceiveConnector ${identity} -Fqdn ${hostname}`,
      cmdlet: 'Set-ReceiveConnector',
      args: [arg('Identity', psQuote(identity)), arg('Fqdn', psQuote(hostname))],
      check: `Test-Settings (${psCommand(version, 'Get-ReceiveConnector', [arg('Identity', psQuote(identity))])}) @{ Fqdn = ${psQuote(hostname)} }`,
      assign: 'null',
    }).map((l) => `    ${l}`),
    `    Write-Host ${psQuote(`${identity}: FQDN set to ${hostname}; clients on port 587 now get the certificate with that name.`)}`,
    '}',
  ];
}

/** Sets X509CertificateName of POP3 or IMAP4 and restarts its running services, when it differs. */
function popImapLines(version: ExchangeVersion, server: string, protocol: MailProtocol, hostname: string): string[] {
  const { noun, label } = PROTOCOLS[protocol];
  const services = versionTraits(version).popImapServices[protocol];
  const read = psCommand(version, `Get-${noun}`, [arg('Server', psQuote(server))]);
  return [
    `$settings = ${read}`,
    `if (([string]$settings.X509CertificateName) -eq ${psQuote(hostname)}) {`,
    `    Write-Host ${psQuote(`${label}: X509CertificateName is already ${hostname}.`)}`,
    '} else {',
    `    Write-Host (${psQuote(`${label}: X509CertificateName before '`)} + [string]$settings.X509CertificateName + ${psQuote(`', planned '${hostname}'.`)})`,
    ...exchangeStepLines(version, {
      step: `Set-${noun} -X509CertificateName ${hostname}`,
      cmdlet: `Set-${noun}`,
      args: [arg('Server', psQuote(server)), arg('X509CertificateName', psQuote(hostname))],
      check: `Test-Settings (${read}) @{ X509CertificateName = ${psQuote(hostname)} }`,
      assign: 'null',
      splat: true,
    }).map((l) => `    ${l}`),
    `    Write-Host ${psQuote(`${label}: X509CertificateName set to ${hostname}.`)}`,
    `    foreach ($serviceName in @(${psList(services)})) {`,
    `        $service = @(${psCommand(version, 'Get-Service', [arg('Name', '$serviceName'), arg('ErrorAction', "'SilentlyContinue'")])})`,
    "        if (($service.Count -gt 0) -and (([string]$service[0].Status) -eq 'Running')) {",
    `            ${psCommand(version, 'Restart-Service', [arg('Name', '$serviceName')])}`,
    "            Write-Host ('Restarted ' + $serviceName + ' so that it reads the new certificate name.')",
    '        } else {',
    "            Write-Host ($serviceName + ' is not running; it reads the new certificate name when it starts.')",
    '        }',
    '    }',
    '}',
  ];
}

/** The client URLs script's part for SMTP submission, POP3 and IMAP4: body lines and header bullets. */
export function clientProtocolSteps(plan: ExchangePlan, server: string, as: string = server): { body: string[]; does: string[] } {
  const version = plan.exchangeVersion;
  const p = clientProtocolPlan(plan, server);
  const body: string[] = [];
  const does: string[] = [];
  if (p.submission) {
    body.push(...submissionLines(version, as, p.submission));
    does.push(
      `SMTP client submission (port 587): sets the FQDN of the Receive connector ${clientReceiveConnectorIdentity(version, as)} to ${p.submission}, so Exchange presents the SMTP certificate with that name instead of the self-signed one (the port 25 Default connector keeps the server's name).`,
    );
  }
  for (const protocol of ['POP', 'IMAP'] as const) {
    const hostname = p[protocol];
    if (!hostname) continue;
    body.push(...popImapLines(version, as, protocol, hostname));
    does.push(
      `${PROTOCOLS[protocol].label}: Set-${PROTOCOLS[protocol].noun} -X509CertificateName ${hostname}, then restarts ${versionTraits(version).popImapServices[protocol].join(' and ')} where they run (they read the name when they start).`,
    );
  }
  return { body, does };
}

/** The verify script's checks of the same settings (`Compare-Setting` and `$problems` from verify-script.ts). */
export function clientProtocolChecks(plan: ExchangePlan, server: string, as: string = server): string[] {
  const version = plan.exchangeVersion;
  const p = clientProtocolPlan(plan, server);
  const out: string[] = [];
  if (p.submission) {
    const identity = clientReceiveConnectorIdentity(version, as);
    out.push(
      `$connector = @(${psCommand(version, 'Get-ReceiveConnector', [arg('Identity', psQuote(identity)), arg('ErrorAction', "'SilentlyContinue'")])})`,
      'if ($connector.Count -eq 0) {',
      `    [void]$problems.Add(${psQuote(`The Receive connector ${identity} (client submission, port 587) was not found.`)})`,
      '} else {',
      `    Compare-Setting ${psQuote(`Client receive connector FQDN (${identity})`)} $connector[0].Fqdn ${psQuote(p.submission)}`,
      '}',
    );
  }
  for (const protocol of ['POP', 'IMAP'] as const) {
    const hostname = p[protocol];
    if (!hostname) continue;
    const { noun, label } = PROTOCOLS[protocol];
    out.push(
      `$settings = ${psCommand(version, `Get-${noun}`, [arg('Server', psQuote(as))])}`,
      `Compare-Setting ${psQuote(`${label} certificate name (X509CertificateName)`)} $settings.X509CertificateName ${psQuote(hostname)}`,
    );
  }
  return out;
}
