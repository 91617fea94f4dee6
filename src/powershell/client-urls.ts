/**
 * The client endpoints of a server and the cmdlets that set and read them on a version:
 * virtual directory URLs, Outlook Anywhere host names, the SCP.
 */
import { ExchangeVersion } from '../exchange-version';
import { ClientEndpoint, ClientService, ExchangePlan } from '../model/types';
import { versionTraits } from './version-table';

export type VirtualDirectoryService = Exclude<ClientService, 'OutlookAnywhere' | 'Autodiscover'>;

/** Cmdlet noun and virtual directory name per service. */
export const VIRTUAL_DIRECTORIES: Readonly<Record<VirtualDirectoryService, { readonly noun: string; readonly name: string }>> = {
  OWA: { noun: 'OwaVirtualDirectory', name: 'owa' },
  ECP: { noun: 'EcpVirtualDirectory', name: 'ecp' },
  EWS: { noun: 'WebServicesVirtualDirectory', name: 'EWS' },
  OAB: { noun: 'OabVirtualDirectory', name: 'OAB' },
  ActiveSync: { noun: 'ActiveSyncVirtualDirectory', name: 'Microsoft-Server-ActiveSync' },
  MAPI: { noun: 'MapiVirtualDirectory', name: 'mapi' },
};

export const DEFAULT_WEB_SITE = 'Default Web Site';

/** 'SERVER01\owa (Default Web Site)' */
export function virtualDirectoryIdentity(server: string, service: VirtualDirectoryService): string {
  return `${server}\\${VIRTUAL_DIRECTORIES[service].name} (${DEFAULT_WEB_SITE})`;
}

/** 'SERVER01\Rpc (Default Web Site)' */
export function outlookAnywhereIdentity(server: string): string {
  return `${server}\\Rpc (${DEFAULT_WEB_SITE})`;
}

/** The noun of the cmdlet pair that holds AutoDiscoverServiceInternalUri. */
export function scpNoun(version: ExchangeVersion): string {
  return versionTraits(version).autodiscoverInternalUri;
}

/**
 * Outlook Anywhere client authentication the scripts set, on every version: NTLM.
 * - 2007/2010 offer Basic or NTLM (`-ClientAuthenticationMethod`). Basic sends the password
 *   (inside TLS) and makes every Outlook ask for it; NTLM signs domain-joined Outlook in
 *   silently, which is the seed's "no prompts" goal, and Microsoft's own example for 2010
 *   sets `-ClientAuthenticationMethod:Ntlm`. Basic is only needed behind a proxy that cannot
 *   pass NTLM (an ISA/TMG listener doing forms or Basic pre-authentication), which these
 *   scripts do not set up.
 * - 2013 and later split it into `-ExternalClientAuthenticationMethod` (default Negotiate from
 *   2016) and `-InternalClientAuthenticationMethod`. Negotiate only helps when
 *   Kerberos works for the load-balanced name (an Alternate Service Account on every server)
 *   and Outlook outside the network cannot reach a domain controller anyway, so NTLM on both
 *   sides is the choice that works without extra setup; Microsoft's example for 2013/2016 is
 *   `-ExternalClientAuthenticationMethod NTLM`. It also works with Extended Protection (2019
 *   CU14+), which needs TLS end to end (`-SSLOffloading $false`). The IIS methods on /rpc
 *   (`-IISAuthenticationMethods`, default Basic, Ntlm, Negotiate from 2016) already include
 *   NTLM and are left alone.
 */
export const OUTLOOK_ANYWHERE_AUTH = 'Ntlm';

/** The plan's endpoints by server, grouped once per plan: the scripts ask per server. */
const endpointsByServer = new WeakMap<ExchangePlan, ReadonlyMap<string, readonly ClientEndpoint[]>>();

/** The server's endpoints, in the plan's order. */
export function endpointsOf(plan: ExchangePlan, server: string): readonly ClientEndpoint[] {
  let byServer = endpointsByServer.get(plan);
  if (!byServer) {
    const grouped = new Map<string, ClientEndpoint[]>();
    for (const e of plan.endpoints) {
      const list = grouped.get(e.server);
      if (list) list.push(e);
      else grouped.set(e.server, [e]);
    }
    byServer = grouped;
    endpointsByServer.set(plan, byServer);
  }
  return byServer.get(server) ?? [];
}

export function isVirtualDirectory(e: ClientEndpoint): e is ClientEndpoint & { service: VirtualDirectoryService } {
  return e.service !== 'OutlookAnywhere' && e.service !== 'Autodiscover';
}
