/**
 * The servers that must hold the Exchange Auth certificate: every Exchange 2013 or later
 * server of the organisation except Edge Transport (Get-ExchangeServer), not only the plan's.
 * Microsoft: the current Auth certificate must be on every server running the Mailbox or
 * Client Access role ("Maintain (rotate) the Exchange Server Auth certificate"; CSS-Exchange
 * MonitorExchangeAuthCertificate.ps1 checks the same set).
 */
import { ExchangeVersion } from '../exchange-version';
import { exchangeRead } from './hybrid-snippets';

/**
 * Get-AuthServers: the names, in code point order. AdminDisplayVersion is read as text
 * ('Version 15.2 (Build 1544.4)'): over remoting it arrives deserialized, without `.Major`.
 */
export function authServersFunction(version: ExchangeVersion): string[] {
  return [
    'function Get-AuthServers {',
    `    $all = @(${exchangeRead(version, "'the Exchange servers of the organisation'", 'Get-ExchangeServer', [])})`,
    '    $names = @()',
    '    foreach ($s in $all) {',
    "        if (([string]$s.AdminDisplayVersion) -notmatch 'Version (\\d+)\\.') { continue }",
    '        if ([int]$Matches[1] -lt 15) { continue }',
    "        if (([string]$s.IsEdgeServer) -eq 'True' -or ([string]$s.ServerRole) -match 'Edge') { continue }",
    '        $names += [string]$s.Name',
    '    }',
    "    if ($names.Count -eq 0) { throw 'Get-ExchangeServer lists no Exchange 2013 or later Mailbox server: nothing can hold the Auth certificate.' }",
    '    return ,@($names | Sort-Object)',
    '}',
  ];
}
