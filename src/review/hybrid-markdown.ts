/**
 * PLAN.md's "Hybrid with Exchange Online" section: the certificate the hybrid connectors
 * present and how it is pinned, every connector and what this step and each renewal do to
 * it, the Exchange Online side and when its script runs, which certificate SMTP presents
 * outbound, the Auth certificate's dates. Receive connectors that differ only in their
 * server (one per server) are one row, so the section does not grow with the servers.
 */
import { ExchangePlan, PlannedHybrid, PlannedHybridConnector } from '../model/types';
import { GeneratedFile } from '../output/generated-file';
import {
  authCertificateFacts,
  clientAuthEkuText,
  connectorWhere,
  defaultSmtpText,
  discoveryText,
  exchangeOnlineScript,
  exchangeOnlineWhen,
  outboundText,
  pinChangeText,
  repinScript,
} from './hybrid-facts';
import { bulletList, code, facts, heading, MarkdownBlock, paragraph, table } from './markdown';
import { serverList } from './site-label';

/** The section's heading text (its anchor is `hybrid-with-exchange-online`). */
export const HYBRID_HEADING = 'Hybrid with Exchange Online';
/** Receive connectors alike but for their server are listed one by one up to this many. */
const LISTED_CONNECTORS = 4;

export function hybridSection(plan: ExchangePlan, files: readonly GeneratedFile[]): MarkdownBlock[] {
  const hybrid = plan.hybrid;
  if (!hybrid) return [];
  const c = hybrid.certificate;
  const outbound = outboundText(plan, hybrid);
  const script = exchangeOnlineScript(files);
  const scriptName = script ? code(script.path) : 'the Exchange Online script';
  const eo = hybrid.exchangeOnline;
  return [
    heading(2, HYBRID_HEADING),
    facts([
      ['Hybrid certificate', `${code(c.certificateId)} (${code(c.domain)})`],
      [
        'Pinned as',
        hybrid.selection === 'tlsCertificateName'
          ? `TlsCertificateName ${code('<I>issuer<S>subject')}, read from the issued certificate by the scripts${c.expectedSubject ? `; subject expected ${code(c.expectedSubject)}` : ' (the CA decides issuer and subject)'}`
          : "not pinned: this version picks by the connector's FQDN",
      ],
      ['Renewals', renewalsText(hybrid, files)],
      ['Default SMTP certificate', plain(defaultSmtpText(plan))],
      ['Presented to Exchange Online', plain(outbound.toExchangeOnline)],
      ['Presented to other domains', plain(outbound.toOtherDomains)],
      ['TLS Client Authentication EKU', plain(clientAuthEkuText(plan, hybrid))],
      ...edgeFacts(hybrid),
      ...(hybrid.authCertificate ? authCertificateFacts(hybrid.authCertificate).map(([k, v]): [string, string] => [k, plain(v)]) : []),
    ]),
    heading(3, 'On-premises connectors'),
    table(['Object', 'Where', 'At this step', 'At each renewal'], connectorRows(plan, hybrid)),
    heading(3, 'Exchange Online (Exchange Online PowerShell)'),
    table(
      ['Connector', 'Setting', 'Value', 'At this step', 'At each renewal'],
      [
        [eo.inboundConnector ? code(eo.inboundConnector) : 'inbound connector from on-premises (found by the script)', 'TlsSenderCertificateName', code(eo.certificateName), exchangeOnlineWhen(eo.atThisStep, 'step', scriptName), exchangeOnlineWhen(eo.atRenewal, 'renewal', scriptName)],
        [eo.outboundConnector ? code(eo.outboundConnector) : 'outbound connector to on-premises (found by the script)', 'TlsDomain', code(eo.certificateName), exchangeOnlineWhen(eo.atThisStep, 'step', scriptName), exchangeOnlineWhen(eo.atRenewal, 'renewal', scriptName)],
      ],
    ),
    paragraph(eo.currentCertificateName ? `The tenant's connectors expect ${code(eo.currentCertificateName)} today (hybrid.exchangeOnline.currentCertificateName).` : 'What the tenant\'s connectors expect today was not given: the Exchange Online script reads it.'),
    bulletList(hybrid.versionNotes.map(plain)),
  ];
}

/** What renewals mean for the pins, naming the re-pin script when the scripts include one. */
function renewalsText(hybrid: PlannedHybrid, files: readonly GeneratedFile[]): string {
  if (hybrid.selection !== 'tlsCertificateName') return "nothing is pinned: keep the connectors' FQDNs on the certificate";
  const found = repinScript(files);
  const script = found ? code(found.path) : 'the hybrid re-pin script';
  return hybrid.certificate.issuerMayChangeAtRenewal
    ? `may come from another issuing intermediate (public CA): after each renewal ${script} runs again and re-pins where the issuer or subject changed`
    : `same issuer until the CA itself is renewed; after each renewal ${script} still compares and re-pins where anything changed`;
}

/** Edge Transport servers, named up to a few and counted beyond. */
function edgeFacts(hybrid: PlannedHybrid): [string, string][] {
  const edge = hybrid.edgeServers;
  if (edge.length === 0) return [];
  const named = edge.slice(0, LISTED_CONNECTORS).map((e) => `${e.name} (${code(e.fqdn)})`).join(', ');
  const more = edge.length > LISTED_CONNECTORS ? ` and ${edge.length - LISTED_CONNECTORS} more (plan.json lists them)` : '';
  return [['Edge Transport servers', `${named}${more}: a certificate change there means a new Edge Subscription`]];
}

/**
 * One row per declared connector and the hybrid configuration; Receive connectors whose
 * identities differ only in the server name ('EX01\Default Frontend EX01') are one row
 * when there are more than a few.
 */
function connectorRows(plan: ExchangePlan, hybrid: PlannedHybrid): string[][] {
  const rows: string[][] = [];
  const groups = new Map<string, PlannedHybridConnector[]>();
  for (const c of hybrid.connectors) {
    if (c.kind !== 'receiveConnector' || !c.server) {
      rows.push(row(c, code(c.identity), connectorWhere(c)));
      continue;
    }
    const key = JSON.stringify([c.identity.split(c.server).join('{server}'), c.onEdgeServer, c.atThisStep, c.atRenewal]);
    const g = groups.get(key);
    if (g) g.push(c);
    else groups.set(key, [c]);
  }
  for (const list of groups.values()) {
    if (list.length <= LISTED_CONNECTORS) {
      for (const c of list) rows.push(row(c, code(c.identity), connectorWhere(c)));
      continue;
    }
    const first = list[0];
    const template = first.identity.split(first.server!).join('{server}');
    rows.push(row(first, `${code(template)}, one per server`, `${serverList(list.map((c) => c.server!), plan.servers.length)} (Set-ReceiveConnector)`));
  }
  const found = plain(discoveryText(plan, hybrid));
  rows.push(['not declared', 'every server of the plan', hybrid.selection === 'tlsCertificateName' ? `found and re-pinned the same way: ${found}` : found, 'the same']);
  return rows;
}

function row(c: PlannedHybridConnector, identity: string, where: string): string[] {
  const name = c.kind === 'hybridConfiguration' ? 'hybrid configuration' : `${c.kind === 'sendConnector' ? 'Send connector' : 'Receive connector'} ${identity}`;
  return [name, where, plain(pinChangeText(c.atThisStep, 'step')), plain(pinChangeText(c.atRenewal))];
}

/** Sentences from hybrid-facts in PLAN.md: the TlsCertificateName form as code, any other '<' escaped, so nothing reads as HTML. */
function plain(text: string): string {
  return text
    .split(/'?<I>issuer<S>subject'?/)
    .map((part) => part.replace(/</g, '&lt;'))
    .join(code('<I>issuer<S>subject'));
}
