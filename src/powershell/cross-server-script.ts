/**
 * The plan's cross-server check, run once (not in every server's verify script): every server
 * a certificate is planned for holds the same certificate (same thumbprints), valid, with its
 * key and enabled for the planned services. A server that got its own request and
 * certificate, or kept the old one after a renewal, serves clients another certificate than
 * its neighbours behind the same name, which the per-server verify scripts cannot see.
 * Reads the other servers with `Get-ExchangeCertificate -Server`, which 2007 does not have:
 * there the plan has no such script, and the review says to compare the verify outputs.
 */
import { ExchangeVersion } from '../exchange-version';
import { ExchangePlan, PlannedCertificate } from '../model/types';
import { arg, psCommand } from './command';
import { psList, psQuote } from './quote';
import { ScriptDoc } from './script';
import { getServiceList, testPlannedNames } from './snippets';
import { acceptsParameter } from './version-table';

function serversOf(cert: PlannedCertificate): string[] {
  return [...new Set(cert.bindings.map((b) => b.server))];
}

/** The certificates planned for more than one server. */
export function sharedCertificates(plan: ExchangePlan): PlannedCertificate[] {
  return plan.certificates.filter((c) => serversOf(c).length > 1);
}

/** Whether the plan gets a cross-server check: certificates shared by servers, and a shell that reads other servers. */
export function hasCrossServerCheck(plan: ExchangePlan): boolean {
  return sharedCertificates(plan).length > 0 && acceptsParameter(plan.exchangeVersion, 'Get-ExchangeCertificate', 'Server');
}

/** Get-HeldThumbprints: the valid certificates with the names (and services) on one server, as a sorted thumbprint list. */
function getHeldThumbprints(version: ExchangeVersion): string[] {
  return [
    'function Get-HeldThumbprints([string]$Server, [string[]]$Names, [string[]]$Services) {',
    `    $all = @(${psCommand(version, 'Get-ExchangeCertificate', [arg('Server', '$Server')])})`,
    '    $held = @($all | Where-Object {',
    "        $status = $_.PSObject.Properties['Status']",
    "        (Test-PlannedNames $_ $Names) -and $_.HasPrivateKey -and ($status -ne $null) -and (([string]$status.Value) -eq 'Valid') -and ($_.NotAfter -gt [DateTime]::Now)",
    '    })',
    '    if ($Services.Count -gt 0) {',
    '        $held = @($held | Where-Object { $enabled = Get-ServiceList $_; @($Services | Where-Object { $enabled -notcontains $_ }).Count -eq 0 })',
    '    }',
    '    return @($held | ForEach-Object { ([string]$_.Thumbprint).ToUpperInvariant() } | Sort-Object -Unique)',
    '}',
  ];
}

function certificateLines(cert: PlannedCertificate): string[] {
  const servers = serversOf(cert);
  return [
    `Write-Host ${psQuote(`The ${cert.id} certificate (${cert.names.join(', ')}) on ${servers.join(', ')}:`)}`,
    '$held = @{}',
    `foreach ($server in @(${psList(servers)})) {`,
    `    $thumbprints = @(Get-HeldThumbprints -Server $server -Names @(${psList(cert.names)}) -Services @(${cert.services.length > 0 ? psList(cert.services) : ''}))`,
    '    $held[$server] = ($thumbprints -join \', \')',
    '    if ($thumbprints.Count -eq 0) {',
    `        [void]$problems.Add($server + ${psQuote(` holds no valid ${cert.id} certificate with its key${cert.services.length > 0 ? ` enabled for ${cert.services.join(', ')}` : ''}.`)})`,
    '    } else {',
    "        Write-Host ('      ' + $server + ': ' + $held[$server])",
    '    }',
    '}',
    `$first = $held[${psQuote(servers[0])}]`,
    `foreach ($server in @(${psList(servers.slice(1))})) {`,
    "    if (($first -ne '') -and ($held[$server] -ne '') -and ($held[$server] -ne $first)) {",
    `        [void]$problems.Add($server + ' holds ' + $held[$server] + ${psQuote(`, ${servers[0]} holds `)} + $first + ${psQuote(`: the servers behind the same names must hold the same ${cert.id} certificate (import the PFX from the export script, remove the other one).`)})`,
    '    }',
    '}',
  ];
}

export function crossServerScript(plan: ExchangePlan): ScriptDoc {
  const shared = sharedCertificates(plan);
  const servers = [...new Set(shared.flatMap(serversOf))];
  const first = plan.servers[0].name;
  return {
    slug: 'check-servers-hold-the-same-certificate',
    summary: `Checks once that ${servers.join(', ')} hold the same certificate.`,
    title: 'verify that every server holds the same certificate',
    server: first,
    exchangeShell: true,
    does: [
      `Reads the certificates of ${servers.join(', ')} (Get-ExchangeCertificate -Server) and lists, per server, the valid certificates with the planned names and services.`,
      'Fails (exit code 1) when a server holds none, or another certificate than the first server: clients behind one name would get different certificates.',
    ],
    needs: [`The verify scripts of every server have run; ${first} can reach every server with the Exchange Management Shell.`],
    notes: [],
    rerun: 'it only reads; run it as often as you like.',
    functions: [testPlannedNames(), getServiceList(), getHeldThumbprints(plan.exchangeVersion)],
    body: [
      '$problems = New-Object -TypeName System.Collections.ArrayList',
      '',
      ...shared.flatMap((c) => [...certificateLines(c), '']),
      'if ($problems.Count -gt 0) {',
      '    $problems | ForEach-Object { Write-Warning $_ }',
      "    throw ('The servers differ from the plan in ' + $problems.Count + ' place(s); see the warnings above.')",
      '}',
      `Write-Host ${psQuote(`${servers.join(', ')} hold the same certificate${shared.length > 1 ? 's' : ''}.`)}`,
    ],
  };
}
