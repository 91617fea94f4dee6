/**
 * The forgotten `hybrid` prop: a plan that does not say hybrid, on Exchange 2013 or later with
 * the certificate enabled for SMTP, still checks the server in its verify script. When the
 * organisation has a hybrid configuration, or a connector of this server (or a Send connector)
 * pins a certificate with the planned names by issuer and subject, and that pin is not the
 * newest such certificate here, mail flow with Exchange Online stops at this renewal: the
 * verify script fails with the fix (declare `hybrid: {}`, whose re-pin script changes them, or
 * the Set- command). A hybrid organisation whose pins are current gets a warning to declare it.
 */
import { ExchangeService } from '../exchange-service';
import { ExchangePlan } from '../model/types';
import { arg } from './command';
import { exchangeRead, invokeExchangeRead, tlsNameFunctions } from './hybrid-snippets';
import { psList } from './quote';
import { acceptsParameter, findCmdlet } from './version-table';

/** Whether a plan's verify script of this server gets the hybrid guard. */
function guarded(plan: ExchangePlan, server: string): boolean {
  const version = plan.exchangeVersion;
  return (
    plan.hybrid === undefined &&
    acceptsParameter(version, 'Set-SendConnector', 'TlsCertificateName') &&
    findCmdlet(version, 'Get-HybridConfiguration') !== undefined &&
    plan.certificates.some((c) => c.services.includes(ExchangeService.SMTP) && c.bindings.some((b) => b.server === server))
  );
}

/** The functions the guard lines use (none when the server is not guarded). */
export function hybridGuardFunctions(plan: ExchangePlan, server: string): (readonly string[])[] {
  return guarded(plan, server) ? [invokeExchangeRead(), tlsNameFunctions()] : [];
}

/** Lines for the verify script of `server` (they add to `$problems`); none when not guarded. */
export function hybridGuardLines(plan: ExchangePlan, server: string): string[] {
  if (!guarded(plan, server)) return [];
  const version = plan.exchangeVersion;
  const cert = plan.certificates.find((c) => c.services.includes(ExchangeService.SMTP) && c.bindings.some((b) => b.server === server))!;
  return [
    '# Hybrid, though the plan does not say so: a connector pinning an older certificate stops mail flow with Exchange Online.',
    `$guardNames = @(${psList(cert.names)})`,
    "$guardCertificates = @(Get-PlannedCertificate -Names $guardNames | Where-Object { $status = $_.PSObject.Properties['Status']; $_.HasPrivateKey -and ($_.NotAfter -gt [DateTime]::Now) -and ($status -ne $null) -and (([string]$status.Value) -eq 'Valid') } | Sort-Object -Property NotBefore -Descending)",
    'if ($guardCertificates.Count -gt 0) {',
    '    $guardNew = Get-TlsName $guardCertificates[0]',
    '    $guardKnown = @($guardCertificates | ForEach-Object { Get-TlsName $_ })',
    `    $guardHybrid = @(${exchangeRead(version, "'the hybrid configuration'", 'Get-HybridConfiguration', [])})`,
    '    $guardPins = @()',
    "    if ($guardHybrid.Count -gt 0) { $guardPins += ,@('The hybrid configuration', 'Set-HybridConfiguration', [string]$guardHybrid[0].TlsCertificateName) }",
    `    foreach ($c in @(${exchangeRead(version, "'the Send connectors'", 'Get-SendConnector', [])})) { $guardPins += ,@(('Send connector ''' + $c.Name + ''''), ('Set-SendConnector -Identity ''' + $c.Name + ''''), [string]$c.TlsCertificateName) }`,
    `    foreach ($c in @(${exchangeRead(version, "'the Receive connectors'", 'Get-ReceiveConnector', [arg('Server', '$env:COMPUTERNAME')])})) { $guardPins += ,@(('Receive connector ''' + $c.Identity + ''''), ('Set-ReceiveConnector -Identity ''' + $c.Identity + ''''), [string]$c.TlsCertificateName) }`,
    '    $guardStale = 0',
    '    foreach ($pin in $guardPins) {',
    '        if ((Test-OurTlsName $pin[2] $guardKnown $guardNames) -and ($pin[2] -ne $guardNew)) {',
    '            $guardStale += 1',
    "            [void]$problems.Add('Hybrid: ' + $pin[0] + ' pins ''' + $pin[2] + ''', not the newest certificate here (''' + $guardNew + '''): mail flow with Exchange Online stops. The plan does not say hybrid: add hybrid: {} to it (its re-pin script finds and changes every such connector), or run ' + $pin[1] + ' -TlsCertificateName ''' + $guardNew + '''.')",
    '        }',
    '    }',
    '    if (($guardHybrid.Count -gt 0) -and ($guardStale -eq 0)) {',
    "        Write-Warning 'This organisation has a hybrid configuration, but the plan does not say hybrid: add hybrid: {} so that renewals re-pin the hybrid connectors and check the Auth certificate.'",
    '    }',
    '}',
  ];
}
