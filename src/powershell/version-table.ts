/**
 * What each Exchange version's shell accepts for the steps the scripts take: the cmdlets,
 * their parameters, the external tools on that version's Windows, and how files move in
 * and out of the certificate cmdlets. Every command the scripts emit is built through
 * `psCommand()` (command.ts), which refuses a cmdlet or parameter this table does not list
 * for the version, and the tests check every command of every script against it.
 *
 * Sources: Microsoft's Exchange PowerShell reference (exchangepowershell module pages and
 * the 2007/2010/2013 "previous versions" pages), summarised in DOMAIN.md section 4.
 * Where a parameter exists only in some cumulative updates (`-RequestFile` and `-FileName`
 * exist in 2013, 2016 up to CU22 and 2019 up to CU11), the table lists only what works on
 * every update of the version, so a script never depends on a CU the plan does not know.
 */
import { ExchangeVersion } from '../exchange-version';

export type VersionName = '2007' | '2010' | '2013' | '2016' | '2019' | 'SE';

/** Cmdlet name -> the parameters the scripts may pass to it. */
export type CmdletTable = Readonly<Record<string, readonly string[]>>;

/**
 * How a version's certificate cmdlets read and write files. 2013 (and 2016 up to CU22,
 * 2019 up to CU11) also has `-RequestFile` / `-FileName`, but those take UNC paths that the
 * Exchange process must reach; the byte/text forms work on every update, so the scripts use
 * them from 2010 on.
 */
export interface FileHandling {
  /** `New-ExchangeCertificate -GenerateRequest`: 'path' (2007 `-Path`) or 'returnedText' (2010+: the script writes the returned text). */
  readonly request: 'path' | 'returnedText';
  /** `Import-ExchangeCertificate`: 'path' (2007 `-Path`) or 'fileData' (2010+: `-FileData` bytes). */
  readonly import: 'path' | 'fileData';
  /** `Export-ExchangeCertificate`: 'path' (2007 `-Path`) or 'fileData' (2010+: the returned `.FileData` bytes). */
  readonly export: 'path' | 'fileData';
}

/** Facts about a version's shell the scripts branch on. */
export interface VersionTraits {
  readonly files: FileHandling;
  /** Cmdlet that sets the SCP (`AutoDiscoverServiceInternalUri`). */
  readonly autodiscoverInternalUri: 'ClientAccessServer' | 'ClientAccessService';
  /** 2007/2010: `Enable-OutlookAnywhere` first, then `Set-OutlookAnywhere`; 2013+: only `Set-OutlookAnywhere` with internal and external settings. */
  readonly outlookAnywhere: 'enableThenSet' | 'internalAndExternal';
  /**
   * IIS tooling for the second web site, chosen at run time where the version's Windows varies:
   * - 'appcmdOrIis6': Exchange 2007 runs on Windows Server 2003 (IIS 6: iisweb.vbs and the
   *   metabase) or Windows Server 2008 (IIS 7: appcmd and netsh); the script reads the IIS
   *   major version.
   * - 'webAdministrationOrAppcmd': Exchange 2010 runs on Windows Server 2008 SP2 (IIS 7.0, no
   *   WebAdministration module: appcmd and netsh) or 2008 R2 and later (WebAdministration);
   *   the script asks `Get-Module -ListAvailable`.
   * - 'webAdministration': 2013 and later (Windows Server 2008 R2 SP1 / 2012 and later).
   */
  readonly iis: 'appcmdOrIis6' | 'webAdministrationOrAppcmd' | 'webAdministration';
  /**
   * Name of the default Receive connector for authenticated client submission (port 587),
   * before the server name: 'Client' ('Client SERVER01', Hub Transport, 2007/2010) or
   * 'Client Frontend' ('Client Frontend SERVER01', Front End Transport, 2013 and later).
   */
  readonly clientReceiveConnector: 'Client' | 'Client Frontend';
  /**
   * Windows services that read `X509CertificateName` when they start: 2007/2010 have one
   * service per protocol; 2013 and later add the back-end service (…BE).
   */
  readonly popImapServices: { readonly POP: readonly string[]; readonly IMAP: readonly string[] };
  /**
   * Whether `Get-ExchangeCertificate` lists a pending request (Status 'PendingRequest', with
   * its CertificateDomains) that the scripts can find by its names. Documented for 2013 and
   * later (Microsoft's "Create an Exchange Server certificate request for a certification
   * authority" filters `$_.Status -eq "PendingRequest"`), and 2010's console completes the
   * pending requests this cmdlet lists; not found in the 2007 reference, so
   * the 2007 scripts take the request file as the evidence of a request and let
   * Import-ExchangeCertificate -Path find the matching key itself.
   */
  readonly listsPendingRequests: boolean;
}

const COMMON = ['ErrorAction', 'ErrorVariable', 'WarningAction', 'Confirm', 'WhatIf'];

const VDIR_URLS = ['Identity', 'InternalUrl', 'ExternalUrl'];

/** Cmdlets of every version (2007 onwards). */
const BASE_2007: CmdletTable = {
  'Get-ExchangeCertificate': ['Thumbprint'],
  'New-ExchangeCertificate': ['GenerateRequest', 'Path', 'DomainName', 'SubjectName', 'FriendlyName', 'KeySize', 'PrivateKeyExportable', 'BinaryEncoded', 'Force'],
  'Import-ExchangeCertificate': ['Path', 'Password'],
  // -Force (no prompt when SMTP replaces the default certificate) is in the seed-era usage; -DoNotRequireSsl is
  // documented from 2010 on and not used here (Require SSL stays on), so 2007 does not list it.
  'Enable-ExchangeCertificate': ['Thumbprint', 'Services', 'Force'],
  'Export-ExchangeCertificate': ['Thumbprint', 'Path', 'BinaryEncoded', 'Password', 'Force'],
  'Get-OwaVirtualDirectory': ['Identity'],
  'Set-OwaVirtualDirectory': VDIR_URLS,
  'Get-WebServicesVirtualDirectory': ['Identity'],
  'Set-WebServicesVirtualDirectory': VDIR_URLS,
  'Get-OabVirtualDirectory': ['Identity'],
  'Set-OabVirtualDirectory': VDIR_URLS,
  'Get-ActiveSyncVirtualDirectory': ['Identity'],
  'Set-ActiveSyncVirtualDirectory': VDIR_URLS,
  // Identity 'SERVER\Rpc (Default Web Site)' is the form the 2007 SP1 reference gives for Set-OutlookAnywhere;
  // -Server is documented from 2010 (added below), so the scripts read one virtual directory by identity.
  'Get-OutlookAnywhere': ['Identity'],
  'Enable-OutlookAnywhere': ['Server', 'ExternalHostname', 'ClientAuthenticationMethod', 'SSLOffloading'],
  'Set-OutlookAnywhere': ['Identity', 'ExternalHostname', 'ClientAuthenticationMethod', 'SSLOffloading'],
  'Get-ClientAccessServer': ['Identity'],
  'Set-ClientAccessServer': ['Identity', 'AutoDiscoverServiceInternalUri'],
  'Get-AutodiscoverVirtualDirectory': ['Identity'],
  'New-AutodiscoverVirtualDirectory': ['WebSiteName', 'BasicAuthentication', 'WindowsAuthentication'],
  // The certificate of client SMTP submission (port 587) and of POP3/IMAP4 is chosen by name:
  // the Receive connector's -Fqdn and the protocol's -X509CertificateName (2007 SP1 reference:
  // Set-PopSettings and Set-ImapSettings take -Server and -X509CertificateName).
  'Get-ReceiveConnector': ['Identity'],
  'Set-ReceiveConnector': ['Identity', 'Fqdn'],
  'Get-PopSettings': ['Server'],
  'Set-PopSettings': ['Server', 'X509CertificateName'],
  'Get-ImapSettings': ['Server'],
  'Set-ImapSettings': ['Server', 'X509CertificateName'],
  // InternalTransportCertificateThumbprint: the default SMTP certificate, read to keep it (replaceDefaultSmtpCertificate: false).
  'Get-TransportServer': ['Identity'],
};

function without(table: CmdletTable, cmdlet: string, params: readonly string[]): CmdletTable {
  return { ...table, [cmdlet]: table[cmdlet].filter((p) => !params.includes(p)) };
}
function adding(table: CmdletTable, cmdlet: string, params: readonly string[]): CmdletTable {
  return { ...table, [cmdlet]: [...(table[cmdlet] ?? []), ...params] };
}
function dropping(table: CmdletTable, cmdlets: readonly string[]): CmdletTable {
  return Object.fromEntries(Object.entries(table).filter(([k]) => !cmdlets.includes(k)));
}

/** 2010: request returned as text, import with -FileData, export returns FileData; ECP; -Server. */
let t2010: CmdletTable = BASE_2007;
t2010 = without(t2010, 'New-ExchangeCertificate', ['Path']);
t2010 = adding(t2010, 'New-ExchangeCertificate', ['Server']);
t2010 = { ...t2010, 'Import-ExchangeCertificate': ['FileData', 'Password', 'PrivateKeyExportable', 'Server'] };
t2010 = { ...t2010, 'Export-ExchangeCertificate': ['Thumbprint', 'BinaryEncoded', 'Password', 'Server'] };
t2010 = adding(t2010, 'Enable-ExchangeCertificate', ['Server']);
t2010 = adding(t2010, 'Get-ExchangeCertificate', ['Server']);
t2010 = { ...t2010, 'Get-EcpVirtualDirectory': ['Identity'], 'Set-EcpVirtualDirectory': VDIR_URLS };
t2010 = adding(t2010, 'Get-OutlookAnywhere', ['Server']);
t2010 = adding(t2010, 'Enable-ExchangeCertificate', ['DoNotRequireSsl']);
// Hybrid (2010 SP1 onwards): the organisation's Send connectors and the hybrid configuration are read
// (2010 pins no certificate: STARTTLS goes by the connector's FQDN); Receive connectors are listed per server.
t2010 = { ...t2010, 'Get-SendConnector': ['Identity'], 'Get-HybridConfiguration': [] };
t2010 = adding(t2010, 'Get-ReceiveConnector', ['Server']);
// Edge Transport in hybrid (2010 onwards): a new Edge subscription after the Edge server's certificate changes
// (New-EdgeSubscription -FileName on the Edge server, -FileData -Site on a Mailbox server), the site read from Get-ExchangeServer.
t2010 = { ...t2010, 'New-EdgeSubscription': ['FileName', 'FileData', 'Site', 'Force'], 'Get-EdgeSubscription': ['Identity'], 'Start-EdgeSynchronization': [] };
t2010 = adding(t2010, 'Get-ExchangeServer', ['Identity']);

/** 2013: -RequestFile and -FileName (UNC paths), MAPI over HTTP, Outlook Anywhere internal and external settings. */
let t2013: CmdletTable = t2010;
t2013 = adding(t2013, 'New-ExchangeCertificate', ['RequestFile']);
t2013 = adding(t2013, 'Import-ExchangeCertificate', ['FileName']);
t2013 = adding(t2013, 'Export-ExchangeCertificate', ['FileName']);
t2013 = dropping(t2013, ['Enable-OutlookAnywhere']);
t2013 = {
  ...t2013,
  'Set-OutlookAnywhere': ['Identity', 'ExternalHostname', 'InternalHostname', 'ExternalClientsRequireSsl', 'InternalClientsRequireSsl', 'ExternalClientAuthenticationMethod', 'InternalClientAuthenticationMethod', 'SSLOffloading'],
  'Get-MapiVirtualDirectory': ['Identity'],
  'Set-MapiVirtualDirectory': VDIR_URLS,
};
// From 2013 the transport settings of a server are read with Get-TransportService (Get-TransportServer is deprecated there).
t2013 = { ...dropping(t2013, ['Get-TransportServer']), 'Get-TransportService': ['Identity'] };
// From 2013 the Autodiscover virtual directory is made for a role (front end or back end) on a named server.
t2013 = adding(t2013, 'New-AutodiscoverVirtualDirectory', ['Role', 'Server']);
// Hybrid from 2013: the SMTP certificate pinned by '<I>issuer<S>subject' (TlsCertificateName) on Send and
// Receive connectors and the hybrid configuration; the Auth (OAuth) certificate and its rotation
// (Set-AuthConfig); a self-signed certificate for it (New-ExchangeCertificate without -GenerateRequest,
// -Services in the reference's 'Certificate' parameter set).
t2013 = { ...t2013, 'Set-SendConnector': ['Identity', 'TlsCertificateName'], 'Set-HybridConfiguration': ['TlsCertificateName'] };
t2013 = adding(t2013, 'Set-ReceiveConnector', ['TlsCertificateName']);
t2013 = { ...t2013, 'Get-AuthConfig': [], 'Set-AuthConfig': ['NewCertificateThumbprint', 'NewCertificateEffectiveDate', 'PublishCertificate', 'ClearPreviousCertificate', 'Force'] };
// The Auth certificate belongs on every 2013+ Mailbox/Client Access server of the organisation, not only the plan's.
t2013 = adding(t2013, 'Get-ExchangeServer', []);
t2013 = adding(t2013, 'New-ExchangeCertificate', ['Services']);

/**
 * 2016, 2019, SE: -RequestFile and -FileName are gone from 2016 CU23 / 2019 CU12 / SE, so
 * they are left out for the whole version; Set-ClientAccessService replaces
 * Set-ClientAccessServer.
 */
let t2016: CmdletTable = t2013;
t2016 = without(t2016, 'New-ExchangeCertificate', ['RequestFile']);
t2016 = without(t2016, 'Import-ExchangeCertificate', ['FileName']);
t2016 = without(t2016, 'Export-ExchangeCertificate', ['FileName']);
t2016 = dropping(t2016, ['Get-ClientAccessServer', 'Set-ClientAccessServer']);
t2016 = { ...t2016, 'Get-ClientAccessService': ['Identity'], 'Set-ClientAccessService': ['Identity', 'AutoDiscoverServiceInternalUri'] };

/** The Exchange cmdlets and parameters each version accepts for these steps. */
export const EXCHANGE_CMDLETS: Readonly<Record<VersionName, CmdletTable>> = {
  '2007': BASE_2007,
  '2010': t2010,
  '2013': t2013,
  '2016': t2016,
  '2019': t2016,
  SE: t2016,
};

/** Windows PowerShell 2.0 cmdlets the scripts use (2.0 is the oldest shell they run in). */
export const SHELL_CMDLETS: CmdletTable = {
  'Set-StrictMode': ['Version'],
  'Split-Path': ['Parent'],
  'Join-Path': ['Path', 'ChildPath'],
  'Test-Path': ['LiteralPath'],
  'Get-Command': ['Name'],
  'Get-Item': ['LiteralPath'],
  'Get-ItemProperty': ['LiteralPath'],
  'New-Item': ['Path', 'ItemType', 'Value'],
  'Read-Host': ['Prompt', 'AsSecureString'],
  'Write-Host': ['Object', 'ForegroundColor'],
  'Write-Warning': ['Message'],
  'Where-Object': [],
  'ForEach-Object': [],
  'Sort-Object': ['Unique', 'Property', 'Descending'],
  'Select-Object': ['First'],
  'Out-Null': [],
  'New-Object': ['TypeName', 'ArgumentList'],
  'Remove-Item': ['LiteralPath'],
  'Move-Item': ['LiteralPath', 'Destination', 'Force'],
  'Format-List': ['Property'],
  'Get-Module': ['ListAvailable', 'Name'],
  'Get-Service': ['Name'],
  'Restart-Service': ['Name'],
};

/**
 * The IIS WebAdministration module (Windows Server 2008 R2 / IIS 7.5 and later), with the
 * provider paths (IIS:\Sites, IIS:\SslBindings) read and written by the shell's item cmdlets.
 */
export const WEB_ADMINISTRATION_CMDLETS: CmdletTable = {
  'Import-Module': ['Name'],
  'Get-Website': ['Name'],
  'New-Website': ['Name', 'PhysicalPath', 'IPAddress', 'Port', 'Ssl'],
};

/** Programs the scripts call, per version (Exchange 2007 may have IIS 6: no appcmd there, iisweb.vbs instead). */
export const EXTERNAL_TOOLS: Readonly<Record<VersionName, readonly string[]>> = {
  '2007': ['certreq.exe', 'certutil.exe', 'netsh.exe', 'httpcfg.exe', 'appcmd.exe', 'cscript.exe'],
  '2010': ['certreq.exe', 'certutil.exe', 'netsh.exe', 'appcmd.exe'],
  '2013': ['certreq.exe', 'certutil.exe', 'netsh.exe'],
  '2016': ['certreq.exe', 'certutil.exe', 'netsh.exe'],
  '2019': ['certreq.exe', 'certutil.exe', 'netsh.exe'],
  SE: ['certreq.exe', 'certutil.exe', 'netsh.exe'],
};

const FILES_2007: FileHandling = { request: 'path', import: 'path', export: 'path' };
const FILES_2010: FileHandling = { request: 'returnedText', import: 'fileData', export: 'fileData' };
const POP_IMAP_2007 = { POP: ['MSExchangePOP3'], IMAP: ['MSExchangeIMAP4'] };
const POP_IMAP_2013 = { POP: ['MSExchangePOP3', 'MSExchangePOP3BE'], IMAP: ['MSExchangeIMAP4', 'MSExchangeIMAP4BE'] };
const MODERN: VersionTraits = {
  files: FILES_2010,
  autodiscoverInternalUri: 'ClientAccessService',
  outlookAnywhere: 'internalAndExternal',
  iis: 'webAdministration',
  listsPendingRequests: true,
  clientReceiveConnector: 'Client Frontend',
  popImapServices: POP_IMAP_2013,
};

const TRAITS: Readonly<Record<VersionName, VersionTraits>> = {
  '2007': { files: FILES_2007, autodiscoverInternalUri: 'ClientAccessServer', outlookAnywhere: 'enableThenSet', iis: 'appcmdOrIis6', listsPendingRequests: false, clientReceiveConnector: 'Client', popImapServices: POP_IMAP_2007 },
  '2010': { files: FILES_2010, autodiscoverInternalUri: 'ClientAccessServer', outlookAnywhere: 'enableThenSet', iis: 'webAdministrationOrAppcmd', listsPendingRequests: true, clientReceiveConnector: 'Client', popImapServices: POP_IMAP_2007 },
  '2013': { ...MODERN, autodiscoverInternalUri: 'ClientAccessServer' },
  '2016': MODERN,
  '2019': MODERN,
  SE: MODERN,
};

function nameOf(version: ExchangeVersion | VersionName): VersionName {
  const name = typeof version === 'string' ? version : version.name;
  if (!(name in TRAITS)) throw new Error(`No PowerShell table for Exchange version '${name}'`);
  return name as VersionName;
}

/** The shell facts of a version. */
export function versionTraits(version: ExchangeVersion | VersionName): VersionTraits {
  return TRAITS[nameOf(version)];
}

/** Every cmdlet a script for this version may call, with its parameters (Exchange, shell, IIS). */
export function cmdletsFor(version: ExchangeVersion | VersionName): CmdletTable {
  const name = nameOf(version);
  return {
    ...SHELL_CMDLETS,
    ...(TRAITS[name].iis === 'appcmdOrIis6' ? {} : WEB_ADMINISTRATION_CMDLETS),
    ...EXCHANGE_CMDLETS[name],
  };
}

/** Per version, the cmdlet table by lower-case name, built once (every emitted command is checked against it). */
const CMDLETS_BY_LOWER_NAME = new Map<VersionName, ReadonlyMap<string, readonly string[]>>();

function cmdletIndex(version: ExchangeVersion | VersionName): ReadonlyMap<string, readonly string[]> {
  const name = nameOf(version);
  let index = CMDLETS_BY_LOWER_NAME.get(name);
  if (!index) {
    const table = cmdletsFor(name);
    index = new Map(Object.keys(table).map((k) => [k.toLowerCase(), table[k]]));
    CMDLETS_BY_LOWER_NAME.set(name, index);
  }
  return index;
}

/** Whether `cmdlet -parameter` is valid on the version (common parameters such as -ErrorAction always are). */
export function acceptsParameter(version: ExchangeVersion | VersionName, cmdlet: string, parameter: string): boolean {
  const params = findCmdlet(version, cmdlet);
  if (!params) return false;
  const p = parameter.toLowerCase();
  return COMMON.some((c) => c.toLowerCase() === p) || params.some((c) => c.toLowerCase() === p);
}

/** The parameters of a cmdlet on a version, or undefined when the version does not have it (names compare case-insensitively). */
export function findCmdlet(version: ExchangeVersion | VersionName, cmdlet: string): readonly string[] | undefined {
  return cmdletIndex(version).get(cmdlet.toLowerCase());
}

/**
 * Whether the cmdlet is one of the version's Exchange cmdlets (a proxy function of the
 * implicitly remoted module from 2010 on), as opposed to a shell or IIS cmdlet.
 */
export function isExchangeCmdlet(version: ExchangeVersion | VersionName, cmdlet: string): boolean {
  return Object.keys(EXCHANGE_CMDLETS[nameOf(version)]).some((k) => k.toLowerCase() === cmdlet.toLowerCase());
}

/** Whether a program is available to scripts of the version. */
export function hasTool(version: ExchangeVersion | VersionName, tool: string): boolean {
  return EXTERNAL_TOOLS[nameOf(version)].some((t) => t.toLowerCase() === tool.toLowerCase());
}

export const VERSION_NAMES: readonly VersionName[] = ['2007', '2010', '2013', '2016', '2019', 'SE'];
