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

/** Outlook Anywhere client authentication the scripts set (NTLM: works with Extended Protection and without Kerberos setup). */
export const OUTLOOK_ANYWHERE_AUTH = 'Ntlm';

export function endpointsOf(plan: ExchangePlan, server: string): ClientEndpoint[] {
  return plan.endpoints.filter((e) => e.server === server);
}

export function isVirtualDirectory(e: ClientEndpoint): e is ClientEndpoint & { service: VirtualDirectoryService } {
  return e.service !== 'OutlookAnywhere' && e.service !== 'Autodiscover';
}
