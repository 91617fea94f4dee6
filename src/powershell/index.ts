/**
 * `renderScripts(plan)`: the PowerShell scripts of a plan, numbered in the order an admin
 * runs them. Pure and deterministic: the same plan gives the same files.
 */
import { ExchangePlan, PlannedCertificate } from '../model/types';
import { GeneratedFile } from '../output/generated-file';
import { autodiscoverSiteScript } from './autodiscover-site-script';
import { clientUrlsScript } from './client-urls-script';
import { crossServerScript, hasCrossServerCheck } from './cross-server-script';
import { enterpriseCaTrustScript, submitToEnterpriseCaScript } from './enterprise-ca-scripts';
import { exportScript } from './export-script';
import { installScript } from './install-script';
import { requestScript } from './request-script';
import { ScriptDoc, renderScript, scriptPath } from './script';
import { perServerScripts } from './server-groups';
import { bindingOn, certificatesOn } from './server-bindings';
import { endpointsOf } from './client-urls';
import { verifyScript } from './verify-script';
import { authCertificateScript } from './auth-certificate-script';
import { exchangeOnlineScript } from './exchange-online-script';
import { hybridConnectorsScript } from './hybrid-connectors-script';
import { hybridVerifyScript } from './hybrid-verify-script';
import { edgeCertificateScript, importEdgeSubscriptionScript } from './edge-subscription-scripts';

export { psQuote, psList } from './quote';
export { EXCHANGE_CMDLETS, VersionName, cmdletsFor, acceptsParameter, versionTraits } from './version-table';

interface Planned {
  readonly doc: ScriptDoc;
  /** The certificate the script installs, exports or binds (not the request, trust or URL scripts). */
  readonly certId?: string;
  /** Renewal scripts: the certificate renewed; the Next: line names its follow-up scripts. */
  readonly renews?: string;
  /** Renewal scripts are run later, so the first-run sequence skips them. */
  readonly later?: boolean;
}

function madeOnServer(cert: PlannedCertificate): boolean {
  return cert.requestSource.kind !== 'generateLocally';
}

function certificateServers(cert: PlannedCertificate): string[] {
  return [...new Set(cert.bindings.map((b) => b.server))];
}

/** The PFX import reads nothing of the server it runs on but its name. */
const SAME_FOR_EVERY_SERVER = () => '';

/**
 * What the client URLs and verify scripts read of a server (perServerScripts): its
 * endpoints, the certificates bound on it with their bindings, its internal host name;
 * the server's name itself left out.
 */
function serverInputs(plan: ExchangePlan, server: string): string {
  return JSON.stringify([
    endpointsOf(plan, server).map(({ server: _, ...e }) => e),
    certificatesOn(plan, server).map((c) => {
      const { server: _, ...b } = bindingOn(plan, c, server)!;
      return [c.id, b];
    }),
    plan.internalHostnames[server] ?? null,
  ]);
}

function plannedScripts(plan: ExchangePlan): Planned[] {
  const first = plan.servers[0].name;
  const enterprise = plan.issuer.kind === 'enterpriseCa';
  const out: Planned[] = [];

  for (const cert of plan.certificates) {
    if (madeOnServer(cert)) {
      if (cert.requestSource.kind === 'onServer') out.push({ doc: requestScript(plan, cert, { renewal: false }) });
      if (enterprise) out.push({ doc: submitToEnterpriseCaScript(plan, cert), certId: cert.id });
      out.push({ doc: installScript(plan, cert, first, 'issuedCertificate'), certId: cert.id });
    } else {
      // The key was made off the server: the CA signs the request from the plan's folder,
      // and every server imports a PFX built where the key is.
      if (enterprise) out.push({ doc: submitToEnterpriseCaScript(plan, cert) });
      for (const doc of perServerScripts(certificateServers(cert), (server, as) => installScript(plan, cert, server, 'pfx', as), SAME_FOR_EVERY_SERVER)) out.push({ doc });
    }
  }
  if (enterprise) out.push({ doc: enterpriseCaTrustScript(plan) });

  for (const cert of plan.certificates.filter(madeOnServer)) {
    const others = certificateServers(cert).filter((s) => s !== first);
    const toEdge = (plan.hybrid?.edgeServers.length ?? 0) > 0 && plan.hybrid?.certificate.certificateId === cert.id;
    if (others.length > 0 || cert.exportPfx || toEdge) out.push({ doc: exportScript(plan, cert), certId: cert.id });
    for (const doc of perServerScripts(others, (server, as) => installScript(plan, cert, server, 'pfx', as), SAME_FOR_EVERY_SERVER)) out.push({ doc, certId: cert.id });
  }

  for (const cert of plan.certificates) {
    for (const binding of cert.bindings.filter((b) => b.createsWebSite)) out.push({ doc: autodiscoverSiteScript(plan, cert, binding), certId: cert.id });
  }
  const serverNames = plan.servers.map((s) => s.name);
  const inputs = (server: string) => serverInputs(plan, server);
  for (const doc of perServerScripts(serverNames, (server, as) => clientUrlsScript(plan, server, as), inputs)) out.push({ doc });
  // Hybrid (2013+): re-pin the connectors on the new certificate before the checks; part of every renewal.
  const hybrid = plan.hybrid;
  const repinAt = hybrid?.selection === 'tlsCertificateName' ? out.length : -1;
  if (hybrid && repinAt >= 0) out.push({ doc: hybridConnectorsScript(plan, hybrid), certId: hybrid.certificate.certificateId });
  // Edge Transport (hybrid): the certificate on each Edge server, then its new Edge subscription on the first server.
  for (const edge of hybrid?.edgeServers ?? []) {
    out.push({ doc: edgeCertificateScript(plan, hybrid!, edge), certId: hybrid!.certificate.certificateId });
    out.push({ doc: importEdgeSubscriptionScript(plan, edge), certId: hybrid!.certificate.certificateId });
  }
  for (const doc of perServerScripts(serverNames, (server, as) => verifyScript(plan, server, as), inputs)) out.push({ doc, certId: VERIFY });
  if (hasCrossServerCheck(plan)) out.push({ doc: crossServerScript(plan), certId: VERIFY });
  if (hybrid) {
    const renewals = plan.certificates.filter(madeOnServer).length;
    const fileOf = (i: number, slug: string) => scriptPath(i, slug).slice('scripts/'.length);
    out.push({
      doc: hybridVerifyScript(plan, hybrid, {
        repinScript: repinAt >= 0 ? fileOf(repinAt, 'hybrid-repin-connectors') : undefined,
        // The rotation script comes last: after this check, the Exchange Online script and the renewal requests.
        rotationScript: hybrid.authCertificate ? fileOf(out.length + 2 + renewals, 'rotate-auth-certificate') : undefined,
      }),
      certId: VERIFY,
    });
    out.push({ doc: exchangeOnlineScript(plan, hybrid) });
  }

  for (const cert of plan.certificates.filter(madeOnServer)) {
    out.push({ doc: requestScript(plan, cert, { renewal: true }), renews: cert.id, later: true });
  }
  // The Auth certificate is rotated on its own date, not with the public certificate.
  if (hybrid?.authCertificate) out.push({ doc: authCertificateScript(plan, hybrid), later: true });
  return out;
}

/** Marks the verify scripts, which every renewal ends with. */
const VERIFY = '*verify*';

/**
 * After a renewal request: the first-run scripts of that certificate (CA submission,
 * complete, export, imports, its web site) and the verify scripts, in run order; the same
 * steps `renewalSteps()` lists in the renewal script's header.
 */
function renewalFollowUp(planned: readonly Planned[], certId: string): number[] {
  return planned.flatMap((p, i) => (!p.later && (p.certId === certId || p.certId === VERIFY) ? [i] : []));
}

/** The scripts of the plan, in run order, as files for the asset folder. */
export function renderScripts(plan: ExchangePlan): GeneratedFile[] {
  const planned = plannedScripts(plan);
  const paths = planned.map((p, i) => scriptPath(i, p.doc.slug));
  const fileName = (path: string) => path.slice(path.lastIndexOf('/') + 1);
  // The next first-run script after each index, found in one pass from the end.
  const nextFirstRun: (number | undefined)[] = [];
  for (let i = planned.length - 1, next: number | undefined; i >= 0; i--) {
    nextFirstRun[i] = next;
    if (!planned[i].later) next = i;
  }
  return planned.map((p, i) => {
    let next: string | undefined;
    if (p.renews) {
      next = `${renewalFollowUp(planned, p.renews).map((j) => fileName(paths[j])).join(', then ')} (the first-run steps this certificate needs)`;
    } else {
      const following = nextFirstRun[i];
      next = following !== undefined ? fileName(paths[following]) : undefined;
    }
    return { path: paths[i], content: renderScript(plan.exchangeVersion, p.doc, fileName(paths[i]), next), summary: p.doc.summary };
  });
}
