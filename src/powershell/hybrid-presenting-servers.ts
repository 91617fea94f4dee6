/**
 * The servers a re-pin reaches beyond the plan's: `Set-SendConnector` is organisation-wide,
 * so every source server of a re-pinned Send connector presents the new pin at once (a server
 * without that certificate queues its mail to Exchange Online with 454 4.7.5), and the hybrid
 * configuration names its sending and receiving servers. Before any change, each such server
 * outside the plan must hold a valid certificate with its key, enabled for SMTP, with the new
 * issuer and subject; otherwise the re-pin script stops and changes nothing.
 */
import { ExchangeVersion } from '../exchange-version';
import { arg } from './command';
import { exchangeRead } from './hybrid-snippets';

/**
 * Find-NewPinHolder: the certificate of a server's list with the key, Valid, enabled for SMTP,
 * whose TlsCertificateName is `$Name` (spacing normalised); $null when it has none.
 */
export function newPinHolderFunction(): string[] {
  return [
    'function Find-NewPinHolder($Certificates, [string]$Name) {',
    '    foreach ($c in @($Certificates)) {',
    "        $status = $c.PSObject.Properties['Status']",
    "        if ($c.HasPrivateKey -and ($status -ne $null) -and (([string]$status.Value) -eq 'Valid') -and ((Get-ServiceList $c) -contains 'SMTP') -and ((Get-PinKey (Get-TlsName $c)) -eq (Get-PinKey $Name))) { return $c }",
    '    }',
    '    return $null',
    '}',
  ];
}

/** Lines of the re-pin script, after `$pending` is collected and before the first Set-. */
export function presentingServersLines(version: ExchangeVersion): string[] {
  return [
    '# Set-SendConnector is organisation-wide: every server that presents a changed pin must hold the new certificate first.',
    '$reached = @{}',
    'foreach ($p in $pending) {',
    '    if ((Get-PinKey $p[2]) -eq (Get-PinKey $newName)) { continue }',
    "    if ($p[0] -eq 'Send connector') {",
    '        $connector = @($sendConnectors | Where-Object { ([string]$_.Name) -eq $p[1] })[0]',
    "        foreach ($s in @($connector.SourceTransportServers)) { $reached[([string]$s).Split('\\')[0]] = ('a source server of the Send connector ''' + $p[1] + '''') }",
    "    } elseif ($p[0] -eq 'Hybrid configuration') {",
    "        foreach ($s in @($hybridConfiguration[0].SendingTransportServers)) { $reached[([string]$s).Split('\\')[0]] = 'a sending transport server of the hybrid configuration' }",
    "        foreach ($s in @($hybridConfiguration[0].ReceivingTransportServers)) { $reached[([string]$s).Split('\\')[0]] = 'a receiving transport server of the hybrid configuration' }",
    '    }',
    '}',
    'foreach ($server in @($reached.Keys | Sort-Object)) {',
    "    if ($server -eq '' -or ($hybridServers -contains $server)) { continue }",
    `    $held = @(${exchangeRead(version, "('the certificates of ' + $server)", 'Get-ExchangeCertificate', [arg('Server', '$server')])})`,
    '    if ($null -eq (Find-NewPinHolder $held $newName)) {',
    "        throw ($server + ' is ' + $reached[$server] + ' but not a server of this plan, and holds no valid certificate ' + $newName + ' enabled for SMTP: re-pinning would stop its mail with Exchange Online (454 4.7.5). Nothing was changed. Fix: add ' + $server + ' to the plan (its install script imports the certificate and enables it for SMTP), or take it out of the connector (Set-SendConnector -SourceTransportServers) or the hybrid configuration (Hybrid Configuration Wizard), then run this script again.')",
    '    }',
    "    Write-Host ($server + ' (' + $reached[$server] + ', not in the plan) holds the new certificate ' + (Find-NewPinHolder $held $newName).Thumbprint + ' enabled for SMTP.')",
    '}',
  ];
}
