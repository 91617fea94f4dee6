/**
 * Test-OutsideServer (the hybrid verify script): a source server of a hybrid Send connector
 * that is not a server of the plan. Set-SendConnector is organisation-wide, so that server
 * presents the same pin; the plan's renewals do not install the certificate there. It is read
 * (Get-ExchangeCertificate -Server) and reported as a problem when STARTTLS there would not
 * present the new certificate, and with a warning when it does (its renewals are not planned).
 */
import { ExchangeVersion } from '../exchange-version';
import { arg } from './command';
import { exchangeRead } from './hybrid-snippets';

export function outsideServerFunction(version: ExchangeVersion): string[] {
  return [
    'function Test-OutsideServer([string]$What, [string]$Server, [string]$TlsName, [string]$Fqdn) {',
    `    $held = @(${exchangeRead(version, "('the certificates of ' + $Server)", 'Get-ExchangeCertificate', [arg('Server', '$Server')])})`,
    '    $presented = Get-PresentedCertificate $held $TlsName $Fqdn',
    "    if (($presented -eq $null) -or ((Get-PinKey (Get-TlsName $presented)) -ne (Get-PinKey $newName))) {",
    "        [void]$problems.Add($What + ' on ' + $Server + ': ' + $Server + ' is not a server of this plan and STARTTLS there does not present the new certificate ' + $newName + ' (mail to Exchange Online from it queues with 454 4.7.5). Fix: add ' + $Server + ' to the plan (its install script imports the certificate), or take it out of the connector with Set-SendConnector -SourceTransportServers.')",
    '        return',
    '    }',
    "    Write-Warning ($What + ' on ' + $Server + ': STARTTLS presents the new certificate ' + $presented.Thumbprint + ', but ' + $Server + ' is not a server of this plan: its renewals are not planned. Add it to the plan, or take it out of the connector.')",
    '}',
  ];
}
