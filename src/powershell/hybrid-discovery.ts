/**
 * What the hybrid scripts treat as pinning the hybrid certificate beyond the certificates with
 * the planned names: the Hybrid Configuration Wizard's Send connector, however the wizard of
 * its time named it ('Outbound to Office 365', or with ' - <guid>' since 2015) or found by its
 * smart host in Exchange Online Protection (*.mail.protection.outlook.com), and every value the
 * hybrid configuration and that Send connector pin now (the "old" certificate, whatever its
 * subject: a move from *.contoso.com to a SAN certificate keeps no planned name in it). Pins
 * are compared with their distinguished names' spacing normalised (Get-PinKey).
 */
import { psQuote } from './quote';

/** Get-PinKey: a TlsCertificateName with the spaces around ',' and '=' removed, for comparing. */
export function pinKeyFunction(): string[] {
  return [
    'function Get-PinKey([string]$Value) {',
    "    if ([string]::IsNullOrEmpty($Value)) { return '' }",
    "    return (($Value -replace '\\s*,\\s*', ',') -replace '\\s*=\\s*', '=').Trim().ToLowerInvariant()",
    '}',
  ];
}

/** Test-WizardSendConnector: the wizard's Send connector, by name or by its Exchange Online smart host. */
export function wizardSendConnectorFunction(prefix: string): string[] {
  return [
    'function Test-WizardSendConnector($Connector) {',
    `    if (([string]$Connector.Name) -match ('^' + [regex]::Escape(${psQuote(prefix)}) + '( - .+)?$')) { return $true }`,
    "    foreach ($h in @($Connector.SmartHosts)) { if (([string]$h) -match '\\.mail\\.protection\\.outlook\\.com\\.?$') { return $true } }",
    '    return $false',
    '}',
  ];
}

/**
 * `$hybridOldPins`: the pin keys of the hybrid configuration and the wizard's Send connectors
 * as read (before any change). Needs `$hybridConfiguration` and `$sendConnectors`.
 */
export function oldPinLines(): string[] {
  return [
    '$hybridOldPins = @()',
    'foreach ($pinned in (@($hybridConfiguration) + @($sendConnectors | Where-Object { Test-WizardSendConnector $_ }))) {',
    '    $key = Get-PinKey ([string]$pinned.TlsCertificateName)',
    "    if ($key -ne '') { $hybridOldPins += $key }",
    '}',
  ];
}

/** Test-HybridPin: a value naming the hybrid certificate: one with the planned names, or one the hybrid configuration or the wizard's connector pins. */
export function hybridPinFunction(): string[] {
  return [
    'function Test-HybridPin([string]$Value) {',
    "    if ([string]::IsNullOrEmpty($Value)) { return $false }",
    '    if (Test-OurTlsName $Value $hybridKnown $hybridNames) { return $true }',
    '    return ($hybridOldPins -contains (Get-PinKey $Value))',
    '}',
  ];
}
