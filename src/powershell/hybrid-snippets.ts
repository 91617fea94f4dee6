/**
 * PowerShell helpers of the hybrid scripts (Windows PowerShell 2.0 compatible, deserialized
 * objects read through `[string]`), and the lines that read the plan's servers. Every read
 * of Exchange goes through `Invoke-ExchangeRead`, so a read that fails (even with an error
 * that stays non-terminating) stops the script instead of looking like "nothing pinned".
 */
import { ExchangeVersion } from '../exchange-version';
import { ExchangePlan, PlannedHybrid } from '../model/types';
import { PsArg, arg, psCommand } from './command';
import { psList } from './quote';

/** `-ErrorAction 'Stop' -ErrorVariable 'readErrors'`: what `Invoke-ExchangeRead` checks. */
const READ_ERRORS: PsArg = arg('ErrorVariable', "'readErrors'");

/** A checked read: `Invoke-ExchangeRead <what> { Cmdlet ... }` (the what is PowerShell code). */
export function exchangeRead(version: ExchangeVersion, what: string, cmdlet: string, args: readonly PsArg[]): string {
  return `Invoke-ExchangeRead ${what} { ${psCommand(version, cmdlet, [...args, READ_ERRORS])} }`;
}

/**
 * Invoke-ExchangeRead: runs one Exchange read (dot-sourced, so `-ErrorVariable` fills this
 * function's `$readErrors`) and throws `FAILED: reading <what>: ...` when it threw or wrote
 * an error. Returns what the read returned.
 */
export function invokeExchangeRead(): string[] {
  return [
    'function Invoke-ExchangeRead([string]$What, [scriptblock]$Read) {',
    '    $readErrors = @()',
    '    try {',
    '        $output = . $Read',
    '    } catch {',
    "        throw ('FAILED: reading ' + $What + ': ' + $_.Exception.Message)",
    '    }',
    '    if (@($readErrors).Count -gt 0) {',
    "        throw ('FAILED: reading ' + $What + ': ' + ((@($readErrors) | ForEach-Object { [string]$_ }) -join ' '))",
    '    }',
    '    return $output',
    '}',
  ];
}

/**
 * Get-TlsName: a certificate's `TlsCertificateName` ('<I>issuer<S>subject', as Exchange reads
 * them). Test-OurTlsName: whether a pinned value names the plan's certificate: one of the
 * values of the certificates with the planned names on the plan's servers (the old one among
 * them), or a subject whose CN is a planned name or a wildcard covering one (an old certificate
 * already removed, or a wildcard certificate replaced by one with the names).
 */
export function tlsNameFunctions(): string[] {
  return [
    'function Get-TlsName($Certificate) {',
    "    return ('<I>' + [string]$Certificate.Issuer + '<S>' + [string]$Certificate.Subject)",
    '}',
    '',
    'function Test-OurTlsName([string]$Value, [string[]]$Known, [string[]]$Names) {',
    "    if ([string]::IsNullOrEmpty($Value)) { return $false }",
    '    if ($Known -contains $Value) { return $true }',
    "    $at = $Value.IndexOf('<S>')",
    '    if ($at -lt 0) { return $false }',
    '    $subject = $Value.Substring($at + 3)',
    '    foreach ($name in $Names) {',
    "        if ($subject -match ('(^|,\\s*)CN=' + [regex]::Escape($name) + '\\s*(,|$)')) { return $true }",
    "        if ($name.Contains('.') -and ($subject -match ('(^|,\\s*)CN=\\*\\.' + [regex]::Escape($name.Substring($name.IndexOf('.') + 1)) + '\\s*(,|$)'))) { return $true }",
    '    }',
    '    return $false',
    '}',
  ];
}

/**
 * Get-HybridCertificates: per server of the plan, the valid certificates with the planned
 * names and their key, newest (latest NotBefore) first. `$hybridNewest[server]` is the one
 * Exchange presents; `$hybridKnown` every TlsCertificateName they have (old and new).
 */
export function hybridCertificateLines(plan: ExchangePlan, hybrid: PlannedHybrid): string[] {
  const version = plan.exchangeVersion;
  const cert = plan.certificates.find((c) => c.id === hybrid.certificate.certificateId)!;
  const servers = hybridServers(plan, hybrid);
  return [
    `$hybridNames = @(${psList(cert.names)})`,
    `$hybridServers = @(${psList(servers)})`,
    '$hybridNewest = @{}',
    '$hybridHeld = @{}',
    '$hybridKnown = @()',
    'foreach ($server in $hybridServers) {',
    `    $all = @(${exchangeRead(version, "('the certificates of ' + $server)", 'Get-ExchangeCertificate', [arg('Server', '$server')])})`,
    '    $ours = @($all | Where-Object {',
    "        $status = $_.PSObject.Properties['Status']",
    "        (Test-PlannedNames $_ $hybridNames) -and $_.HasPrivateKey -and ($status -ne $null) -and (([string]$status.Value) -eq 'Valid') -and ($_.NotAfter -gt [DateTime]::Now)",
    '    } | Sort-Object -Property NotBefore -Descending)',
    '    $hybridHeld[$server] = $all',
    '    foreach ($c in $ours) { $hybridKnown += (Get-TlsName $c) }',
    '    if ($ours.Count -gt 0) { $hybridNewest[$server] = $ours[0] }',
    '}',
  ];
}

/** The plan servers that hold the hybrid certificate (its bindings' servers, in plan order). */
export function hybridServers(plan: ExchangePlan, hybrid: PlannedHybrid): string[] {
  const cert = plan.certificates.find((c) => c.id === hybrid.certificate.certificateId)!;
  const on = new Set(cert.bindings.map((b) => b.server));
  return plan.servers.map((s) => s.name).filter((n) => on.has(n));
}

/**
 * Get-PresentedCertificate: which certificate STARTTLS presents on a server (documented
 * selection): the Valid certificates with their key enabled for SMTP; with a pinned
 * TlsCertificateName the one with that issuer and subject, else the one whose names cover the
 * connector's FQDN (2010 always); the newest (latest NotBefore) of several. $null: none.
 */
export function presentedCertificateFunction(): string[] {
  return [
    'function Get-PresentedCertificate($Certificates, [string]$TlsName, [string]$Fqdn) {',
    '    $smtp = @($Certificates | Where-Object {',
    "        $status = $_.PSObject.Properties['Status']",
    "        $_.HasPrivateKey -and ($status -ne $null) -and (([string]$status.Value) -eq 'Valid') -and ((Get-ServiceList $_) -contains 'SMTP')",
    '    })',
    "    if ($TlsName -ne '') {",
    '        $match = @($smtp | Where-Object { (Get-TlsName $_) -eq $TlsName })',
    '    } else {',
    '        $match = @($smtp | Where-Object {',
    '            $names = @($_.CertificateDomains | ForEach-Object { ([string]$_).ToLowerInvariant() })',
    '            $fqdnLower = $Fqdn.ToLowerInvariant()',
    "            ($names -contains $fqdnLower) -or ($names -contains ('*.' + $fqdnLower.Substring($fqdnLower.IndexOf('.') + 1)))",
    '        })',
    '    }',
    '    if ($match.Count -eq 0) { return $null }',
    '    return @($match | Sort-Object -Property NotBefore -Descending)[0]',
    '}',
  ];
}

/**
 * The connectors the hybrid scripts look at: the declared ones (`$declaredSend`,
 * `$declaredReceive`), the organisation's Send connectors and the Receive connectors of the
 * plan's servers (`$sendConnectors`, `$receiveConnectors`), each read checked.
 */
export function hybridConnectorReads(version: ExchangeVersion, hybrid: PlannedHybrid): string[] {
  const declaredSend = hybrid.connectors.filter((c) => c.kind === 'sendConnector').map((c) => c.identity);
  const declaredReceive = hybrid.connectors.filter((c) => c.kind === 'receiveConnector' && !c.onEdgeServer).map((c) => c.identity);
  const list = (items: readonly string[]) => (items.length > 0 ? psList(items) : '');
  return [
    `$declaredSend = @(${list(declaredSend)})`,
    `$declaredReceive = @(${list(declaredReceive)})`,
    `$sendConnectors = @(${exchangeRead(version, "'the Send connectors'", 'Get-SendConnector', [])})`,
    '$receiveConnectors = @()',
    'foreach ($server in $hybridServers) {',
    `    $receiveConnectors += @(${exchangeRead(version, "('the Receive connectors of ' + $server)", 'Get-ReceiveConnector', [arg('Server', '$server')])})`,
    '}',
  ];
}
