/**
 * One generated script as typed pieces: the README-style header (what, where, needs,
 * next), the fixed safety prelude, the helper functions it uses, and the body lines.
 * `renderScript()` turns it into text; plan values reach the text only through `psQuote`
 * (body) or `commentText` (header).
 */
import { ExchangeVersion } from '../exchange-version';
import { psQuote, commentText } from './quote';

/** A generated script before numbering. */
export interface ScriptDoc {
  /** File name part after the number: 'request-exchange-certificate'. */
  readonly slug: string;
  /** One line for the review document. */
  readonly summary: string;
  /** Header title. */
  readonly title: string;
  /** The server it runs on (NetBIOS name); the script refuses to run elsewhere. A shared script (`servers`): `$planServer`. */
  readonly server: string;
  /** A script shared by these servers (server-groups.ts): it runs on each of them, and refuses to run elsewhere. */
  readonly servers?: readonly string[];
  /** Whether it needs the Exchange Management Shell (all but the CA and trust steps). */
  readonly exchangeShell: boolean;
  /** 'exchangeOnline': runs in Exchange Online PowerShell on any computer (no server check); `server` is then only its place in the run order. */
  readonly session?: 'exchangeOnline';
  readonly does: readonly string[];
  readonly needs: readonly string[];
  readonly notes: readonly string[];
  /** What happens when it runs a second time. */
  readonly rerun: string;
  /** PowerShell function definitions the body calls (from snippets.ts). */
  readonly functions: readonly (readonly string[])[];
  readonly body: readonly string[];
}

/** Numbered file name: `scripts/03-complete-exchange-certificate-server01.ps1`. */
export function scriptPath(index: number, slug: string): string {
  return `scripts/${String(index + 1).padStart(2, '0')}-${slug}.ps1`;
}

const RULE = `# ${'='.repeat(86)}`;

/** The script's text, CRLF-free, ending in a newline. */
export function renderScript(version: ExchangeVersion, doc: ScriptDoc, fileName: string, next: string | undefined): string {
  const bullet = (items: readonly string[]) => items.map((s) => `#   - ${commentText(s)}`);
  const header = [
    RULE,
    `# ${commentText(fileName)}: ${commentText(doc.title)}`,
    doc.session === 'exchangeOnline'
      ? '# Run on: any computer with the ExchangeOnlineManagement module, in Exchange Online PowerShell (Connect-ExchangeOnline), as an Exchange Online administrator.'
      : `# Run on: ${doc.servers ? `each of the ${doc.servers.length} servers in $planServers below (${commentText(doc.servers[0])} to ${commentText(doc.servers[doc.servers.length - 1])}), one after the other` : commentText(doc.server)}${doc.exchangeShell ? `, in the ${commentText(version.displayName)} Management Shell, as an Exchange administrator` : ', in Windows PowerShell as a local administrator'}.`,
    ...(version.name === '2007'
      ? [
          '# Shell: Windows PowerShell 2.0 or later under the Exchange Management Shell (Set-StrictMode does not exist in PowerShell 1.0).',
          '# Exchange 2007 SP1 or later: the RTM shell has other Outlook Anywhere parameters (-ExternalAuthenticationMethod).',
        ]
      : []),
    '#',
    '# What it does:',
    ...bullet(doc.does),
    '# What it needs:',
    ...bullet(doc.needs),
    ...(doc.notes.length > 0 ? ['# Good to know:', ...bullet(doc.notes)] : []),
    `# Running it again: ${commentText(doc.rerun)}`,
    `# Next: ${next ? `run ${commentText(next)}` : 'nothing; keep this folder for the renewal.'}`,
    '# No password or private key is stored in this script; passwords are asked for when needed.',
    RULE,
  ];
  const prelude = [
    'Set-StrictMode -Version Latest',
    "$ErrorActionPreference = 'Stop'",
    '$here = Split-Path -Parent $MyInvocation.MyCommand.Path',
    '',
    ...(doc.session === 'exchangeOnline'
      ? [
          "if (-not (Get-Command -Name 'Set-InboundConnector' -ErrorAction 'SilentlyContinue')) {",
          "    throw 'Run this script in Exchange Online PowerShell: Connect-ExchangeOnline first (module ExchangeOnlineManagement).'",
          '}',
        ]
      : exchangeServerPrelude(version, doc)),
  ];
  const functions = doc.functions.flatMap((f) => ['', ...f]);
  // No whitespace clean-up afterwards: a literal may span lines, and its text must stay exact.
  return [...header, ...prelude, ...functions, '', ...doc.body].join('\n') + '\n';
}

/** The server check and the Exchange Management Shell check of an on-premises script. */
function exchangeServerPrelude(version: ExchangeVersion, doc: ScriptDoc): string[] {
  return [
    ...(doc.servers
      ? [
          // One name per line, so that a server added to the plan is one added line in a diff.
          '$planServers = @(',
          ...doc.servers.map((s) => `    ${psQuote(s)}`),
          ')',
          '$planServer = @($planServers | Where-Object { $_ -eq $env:COMPUTERNAME })',
          'if ($planServer.Count -eq 0) {',
          "    throw ('This script is for ' + ($planServers -join ', ') + '; this computer is ' + $env:COMPUTERNAME + '.')",
          '}',
          // The plan's spelling of the name (-eq ignores case).
          '$planServer = [string]$planServer[0]',
        ]
      : [
          `if ($env:COMPUTERNAME -ne ${psQuote(doc.server)}) {`,
          `    throw (${psQuote(`This script is for ${doc.server}; this computer is `)} + $env:COMPUTERNAME + '.')`,
          '}',
        ]),
    ...(doc.exchangeShell
      ? [
          "if (-not (Get-Command -Name 'Get-ExchangeCertificate' -ErrorAction 'SilentlyContinue')) {",
          `    throw ${psQuote(`Run this script in the ${version.displayName} Management Shell.`)}`,
          '}',
        ]
      : []),
  ];
}
