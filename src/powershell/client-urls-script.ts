/**
 * Sets the client URLs of one server from the plan: virtual directories, Outlook Anywhere
 * host names and the SCP, with the cmdlets of the version; and the names that SMTP
 * submission, POP3 and IMAP4 present (client-protocols.ts).
 */
import { ClientService, ExchangePlan } from '../model/types';
import { clientProtocolPlan, clientProtocolSteps } from './client-protocols';
import { arg, psCommand } from './command';
import { exchangeStepLines, settingChangeLines } from './exchange-step';
import { cmdletMissingGuard } from './missing-cmdlet';
import { outlookAnywhereSettings } from './outlook-anywhere';
import { invokeExchangeStep, settingsFunctions } from './snippets';
import { OUTLOOK_ANYWHERE_AUTH, endpointsOf, isVirtualDirectory, outlookAnywhereIdentity, scpNoun, virtualDirectoryIdentity, VIRTUAL_DIRECTORIES } from './client-urls';
import { psQuote } from './quote';
import { ScriptDoc } from './script';
import { versionTraits } from './version-table';

/** How the summary names each client service. */
const SERVICE_LABELS: Readonly<Record<ClientService, string>> = {
  OWA: 'OWA',
  ECP: 'ECP',
  EWS: 'EWS',
  OAB: 'OAB',
  ActiveSync: 'ActiveSync',
  MAPI: 'MAPI',
  OutlookAnywhere: 'Outlook Anywhere',
  Autodiscover: 'Autodiscover',
};
const SERVICE_ORDER: readonly ClientService[] = ['OWA', 'ECP', 'EWS', 'OAB', 'ActiveSync', 'MAPI', 'OutlookAnywhere', 'Autodiscover'];

/** 'a', 'a and b', 'a, b and c' */
function listed(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** One line for the review: the URLs and client protocol names this script sets on the server. */
function summaryOf(plan: ExchangePlan, server: string, as: string): string {
  const endpoints = endpointsOf(plan, server);
  const services = SERVICE_ORDER.filter((s) => endpoints.some((e) => e.service === s && (s !== 'OutlookAnywhere' || e.externalHostname)));
  const p = clientProtocolPlan(plan, server);
  const protocols = [
    ...(p.submission ? ['the client Receive connector FQDN (port 587)'] : []),
    ...(p.POP ? ['the POP3 certificate name'] : []),
    ...(p.IMAP ? ['the IMAP4 certificate name'] : []),
  ];
  const urls = services.length > 0 ? `the ${listed(services.map((s) => SERVICE_LABELS[s]))} URLs` : '';
  return `Sets ${listed([...(urls ? [urls] : []), ...protocols])} of ${as} from the plan.`;
}

function rerunProtocols(plan: ExchangePlan, server: string): string {
  const p = clientProtocolPlan(plan, server);
  const names = [...(p.submission ? ['the connector FQDN'] : []), ...(p.POP ? ['the POP3 name'] : []), ...(p.IMAP ? ['the IMAP4 name'] : [])];
  if (names.length === 0) return '';
  return `; ${listed(names)} ${names.length > 1 ? 'are' : 'is'} changed only when ${names.length > 1 ? 'they differ' : 'it differs'}${p.POP || p.IMAP ? ', and the services restarted only then' : ''}`;
}

/**
 * The client URLs script of `server`; `as` is how the script's text names the server (the
 * server itself, or the placeholder of a script shared by several servers, server-groups.ts).
 */
export function clientUrlsScript(plan: ExchangePlan, server: string, as: string = server): ScriptDoc {
  const version = plan.exchangeVersion;
  const endpoints = endpointsOf(plan, server);
  const body: string[] = [];
  const does: string[] = [];
  for (const e of endpoints.filter(isVirtualDirectory)) {
    const identity = virtualDirectoryIdentity(as, e.service);
    const noun = VIRTUAL_DIRECTORIES[e.service].noun;
    const lines = settingChangeLines(version, {
      what: identity,
      read: psCommand(version, `Get-${noun}`, [arg('Identity', psQuote(identity))]),
      wanted: [['InternalUrl', e.internalUrl], ...(e.externalUrl ? [['ExternalUrl', e.externalUrl] as const] : [])],
      cmdlet: `Set-${noun}`,
      args: [arg('Identity', psQuote(identity)), arg('InternalUrl', psQuote(e.internalUrl)), ...(e.externalUrl ? [arg('ExternalUrl', psQuote(e.externalUrl))] : [])],
    });
    body.push(...cmdletMissingGuard(version, e.service, lines));
    does.push(`${e.service}: ${e.internalUrl} inside, ${e.externalUrl ?? 'not published'} outside.`);
  }
  const oa = endpoints.find((e) => e.service === 'OutlookAnywhere');
  if (oa?.externalHostname) {
    const identity = outlookAnywhereIdentity(as);
    if (versionTraits(version).outlookAnywhere === 'enableThenSet') {
      const read = psCommand(version, 'Get-OutlookAnywhere', [arg('Identity', psQuote(identity)), arg('ErrorAction', "'SilentlyContinue'")]);
      body.push(
        `$outlookAnywhere = @(${read})`,
        'if ($outlookAnywhere.Count -eq 0) {',
        `    Write-Host ${psQuote(`Outlook Anywhere is not enabled on ${as} (before).`)}`,
        ...exchangeStepLines(version, {
          step: `Enable-OutlookAnywhere on ${as}`,
          cmdlet: 'Enable-OutlookAnywhere',
          args: [arg('Server', psQuote(as)), arg('ExternalHostname', psQuote(oa.externalHostname)), arg('ClientAuthenticationMethod', psQuote(OUTLOOK_ANYWHERE_AUTH)), arg('SSLOffloading', '$false')],
          check: `Test-Settings (${read}) @{ ExternalHostname = ${psQuote(oa.externalHostname)} }`,
          assign: 'null',
        }).map((l) => `    ${l}`),
        `    Write-Host ${psQuote(`Enabled Outlook Anywhere on ${as} as ${oa.externalHostname} (NTLM, SSL offloading off).`)}`,
        '} else {',
        ...settingChangeLines(version, {
          what: identity,
          read,
          wanted: [['ExternalHostname', oa.externalHostname]],
          cmdlet: 'Set-OutlookAnywhere',
          args: [arg('Identity', psQuote(identity)), arg('ExternalHostname', psQuote(oa.externalHostname))],
        }).map((l) => `    ${l}`),
        '}',
      );
      does.push(`Outlook Anywhere: enabled with the external host name ${oa.externalHostname} (NTLM, SSL to the server: -SSLOffloading $false), or its host name set when it is already enabled.`);
    } else {
      const settings = outlookAnywhereSettings(plan, oa);
      body.push(
        ...settingChangeLines(version, {
          what: identity,
          read: psCommand(version, 'Get-OutlookAnywhere', [arg('Identity', psQuote(identity))]),
          wanted: settings.map((x) => [x.property, x.text] as const),
          cmdlet: 'Set-OutlookAnywhere',
          args: [arg('Identity', psQuote(identity)), ...settings.map((x) => arg(x.property, x.value))],
        }),
      );
      does.push(
        plan.serverSettings.leaveOutlookAnywhereSecurity
          ? `Outlook Anywhere: ${oa.externalHostname} outside, ${oa.internalHostname} inside, SSL required both ways; its client authentication and SSL offloading are left as they are (leaveOutlookAnywhereSecurity).`
          : `Outlook Anywhere: ${oa.externalHostname} outside, ${oa.internalHostname} inside, SSL required both ways and to the server (SSLOffloading off), NTLM for internal and external clients.`,
      );
    }
  }
  const scp = endpoints.find((e) => e.service === 'Autodiscover');
  if (scp) {
    body.push(
      ...settingChangeLines(version, {
        what: `${as} Autodiscover SCP`,
        read: psCommand(version, `Get-${scpNoun(version)}`, [arg('Identity', psQuote(as))]),
        wanted: [['AutoDiscoverServiceInternalUri', scp.internalUrl]],
        cmdlet: `Set-${scpNoun(version)}`,
        args: [arg('Identity', psQuote(as)), arg('AutoDiscoverServiceInternalUri', psQuote(scp.internalUrl))],
      }),
    );
    does.push(`The Autodiscover SCP that domain-joined Outlook reads first: ${scp.internalUrl} (Set-${scpNoun(version)}).`);
  }
  const protocols = clientProtocolSteps(plan, server, as);
  body.push(...protocols.body);
  does.push(...protocols.does);
  return {
    slug: `set-client-urls-${as.toLowerCase()}`,
    summary: summaryOf(plan, server, as),
    title: 'set the client URLs to the names on the certificate',
    server: as,
    exchangeShell: true,
    does,
    needs: [
      `The certificate enabled for IIS on ${as} (so the names below are on it).`,
      `Internal DNS (split DNS) resolving ${plan.internalHostnames[server] ?? plan.internalHostname} to this server or its load balancer.`,
      ...(versionTraits(version).outlookAnywhere === 'enableThenSet' ? ['The RPC over HTTP Proxy Windows feature, which Outlook Anywhere needs.'] : []),
    ],
    notes: [
      'Clients pick up the new URLs through Autodiscover; IIS does not need a restart. OWA and ECP authentication are not changed.',
      ...(protocols.body.length > 0 ? ['A missing client Receive connector (renamed or removed) is reported as a warning, and the verify script fails on it, rather than stopping the URL settings.'] : []),
    ],
    rerun: `the same URLs are set again (Exchange reports that nothing changed)${rerunProtocols(plan, server)}.`,
    functions: [invokeExchangeStep(), settingsFunctions()],
    body,
  };
}
