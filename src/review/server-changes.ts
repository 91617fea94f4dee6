/**
 * PLAN.md's list of the server settings the scripts change besides binding the certificate:
 * each with the version's default before (the scripts print the server's actual value before
 * they change it, and change only what differs), the value after, and the prop that keeps
 * it where there is a choice. Then what the scripts accept and why, where a reviewer would
 * otherwise wonder: a wildcard certificate with the bare domain, the PFX encryption, the
 * cross-server check.
 */
import { ExchangeService } from '../exchange-service';
import { ExchangeVersion } from '../exchange-version';
import { ExchangePlan } from '../model/types';
import { hasCrossServerCheck } from '../powershell/cross-server-script';
import { PFX_ENCRYPTION_REASON } from '../powershell/pfx';
import { bulletList, code, heading, MarkdownBlock, paragraph, table } from './markdown';

type Row = readonly [setting: string, before: string, after: string, choice: string];

function has(plan: ExchangePlan, service: ExchangeService): boolean {
  return plan.certificates.some((c) => c.services.includes(service));
}

function outlookAnywhereRows(plan: ExchangePlan): Row[] {
  if (!plan.endpoints.some((e) => e.service === 'OutlookAnywhere' && e.externalHostname)) return [];
  const leave = plan.serverSettings.leaveOutlookAnywhereSecurity;
  const choice = `${code('leaveOutlookAnywhereSecurity')}: ${leave ? 'true' : 'false'}`;
  if (!plan.exchangeVersion.atLeast(ExchangeVersion.EXCHANGE_2013)) {
    return [['Outlook Anywhere', 'off', `on: ${code(plan.externalHostname)}, NTLM, no SSL offloading (if already on: host name only)`, '-']];
  }
  const asInstalled = plan.exchangeVersion.name === '2013' ? 'as installed' : undefined;
  return [
    ['Outlook Anywhere host names', 'server FQDN inside, none outside', 'planned names, SSL required', '-'],
    ['Outlook Anywhere authentication', asInstalled ?? 'Negotiate outside, NTLM inside', leave ? 'unchanged' : 'NTLM both', choice],
    ['Outlook Anywhere SSL offloading', asInstalled ?? 'on', leave ? 'unchanged' : 'off (TLS to the server)', choice],
  ];
}

function rows(plan: ExchangePlan): Row[] {
  const out: Row[] = [];
  if (has(plan, ExchangeService.IIS)) out.push(['Default Web Site HTTPS (443)', 'self-signed', 'planned certificate', '-']);
  if (has(plan, ExchangeService.SMTP)) {
    const replace = plan.serverSettings.replaceDefaultSmtpCertificate;
    out.push([
      'Default SMTP certificate (internal transport)',
      'self-signed',
      replace ? 'planned certificate' : 'unchanged (planned certificate enabled for SMTP too)',
      `${code('replaceDefaultSmtpCertificate')}: ${replace ? 'true' : 'false'}`,
    ]);
    out.push(['Client Receive connector FQDN (587)', 'server FQDN', 'planned name', '-']);
  }
  for (const [service, label] of [[ExchangeService.POP, 'POP3'], [ExchangeService.IMAP, 'IMAP4']] as const) {
    if (has(plan, service)) out.push([`${label} X509CertificateName`, 'server FQDN', 'planned name (service restarted)', '-']);
  }
  if (plan.endpoints.some((e) => e.service !== 'OutlookAnywhere' && e.service !== 'Autodiscover')) {
    out.push(['Virtual directory URLs', 'server FQDN inside, none outside', 'planned URLs', '-']);
  }
  if (plan.endpoints.some((e) => e.service === 'Autodiscover')) out.push(['Autodiscover SCP', 'server FQDN', 'planned URL', '-']);
  return [...out, ...outlookAnywhereRows(plan)];
}

function notes(plan: ExchangePlan): string[] {
  const out: string[] = [];
  if (plan.certificates.some((c) => c.names.some((n) => n.startsWith('*.')))) {
    out.push('Wildcards: a certificate with the bare domain `d` besides `*.d` is accepted (CAs commonly add it); one that lacks a planned name never is.');
  }
  const pfx = plan.certificates.some((c) => c.exportPfx || c.requestSource.kind === 'generateLocally' || new Set(c.bindings.map((b) => b.server)).size > 1);
  if (pfx) out.push(`PFX: ${PFX_ENCRYPTION_REASON}`);
  if (hasCrossServerCheck(plan)) {
    out.push('The check-servers script checks once that every server holds the same certificate.');
  } else if (plan.servers.length > 1) {
    out.push(`${plan.exchangeVersion.displayName} cannot read other servers' certificates: compare the thumbprints the verify scripts print on each server.`);
  }
  return out;
}

export function serverChangesSection(plan: ExchangePlan): MarkdownBlock[] {
  const r = rows(plan);
  return [
    heading(2, 'Server settings the scripts change besides the binding'),
    paragraph("Before: the version's default; the scripts print the server's value first, change only what differs and read each change back."),
    r.length > 0 ? table(['Setting', 'Before', 'After', 'Choice'], r.map((x) => [...x])) : paragraph('None.'),
    bulletList(notes(plan)),
  ];
}
