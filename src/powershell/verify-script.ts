/**
 * Verifies one server against the plan: which certificate serves each binding, its names,
 * expiry and services, and every client URL. Prints what it finds and fails (throws, so
 * the exit code is not zero) when anything differs from the plan.
 */
import { ExchangePlan, PlannedCertificate } from '../model/types';
import { clientProtocolChecks } from './client-protocols';
import { arg, psCommand, psTool } from './command';
import { endpointsOf, isVirtualDirectory, outlookAnywhereIdentity, scpNoun, virtualDirectoryIdentity, VIRTUAL_DIRECTORIES } from './client-urls';
import { hybridGuardFunctions, hybridGuardLines } from './hybrid-guard';
import { cmdletMissingGuard } from './missing-cmdlet';
import { outlookAnywhereSettings } from './outlook-anywhere';
import { psList, psQuote } from './quote';
import { ScriptDoc } from './script';
import { bindingOn, certificatesOn } from './server-bindings';
import { getCertificates, getPlannedCertificate, getServiceList, getSingleCandidate, testPlannedNames } from './snippets';
import { versionTraits } from './version-table';

function compareSetting(): string[] {
  return [
    'function Compare-Setting([string]$What, $Actual, [string]$Expected) {',
    "    $found = ([string]$Actual).TrimEnd('/')",
    "    if ($found -eq $Expected.TrimEnd('/')) {",
    "        Write-Host ('OK    ' + $What + ': ' + $found)",
    '    } else {',
    "        [void]$problems.Add($What + ' is ''' + $found + ''', the plan says ''' + $Expected + '''.')",
    '    }',
    '}',
  ];
}

/**
 * Show-Certificate: prints the certificate and adds a problem when it is not usable: Status
 * other than Valid (Untrusted: the chain is not trusted on this server; Revoked; Invalid;
 * DateInvalid; a missing Status counts as not Valid) or expired.
 */
function showCertificate(): string[] {
  return [
    'function Show-Certificate($Certificate, [int]$RenewBeforeDays) {',
    "    $statusProperty = $Certificate.PSObject.Properties['Status']",
    "    $status = '(not reported)'",
    '    if (($statusProperty -ne $null) -and ($statusProperty.Value -ne $null)) { $status = [string]$statusProperty.Value }',
    "    Write-Host ('      thumbprint ' + $Certificate.Thumbprint + ', status ' + $status + ', expires ' + $Certificate.NotAfter + ', services ' + ((Get-ServiceList $Certificate) -join ', '))",
    "    Write-Host ('      names ' + (($Certificate.CertificateDomains | ForEach-Object { [string]$_ }) -join ', '))",
    "    if ($status -ne 'Valid') {",
    "        [void]$problems.Add('Certificate ' + $Certificate.Thumbprint + ' has Status ' + $status + ', not Valid: clients will not accept it (Untrusted: install the CA chain on this server; Revoked or Invalid: replace the certificate).')",
    '    }',
    '    if ($Certificate.NotAfter -lt [DateTime]::Now) {',
    "        [void]$problems.Add('Certificate ' + $Certificate.Thumbprint + ' expired on ' + $Certificate.NotAfter + '.')",
    '    } elseif ($Certificate.NotAfter -lt [DateTime]::Now.AddDays($RenewBeforeDays)) {',
    "        Write-Warning ('Certificate ' + $Certificate.Thumbprint + ' expires on ' + $Certificate.NotAfter + ': run the renewal script now.')",
    '    }',
    '}',
  ];
}

function certificateChecks(plan: ExchangePlan, cert: PlannedCertificate, server: string): string[] {
  const version = plan.exchangeVersion;
  const binding = bindingOn(plan, cert, server);
  if (!binding) return [];
  const label = psQuote(`${cert.id} certificate (${cert.names.join(', ')})`);
  if (cert.services.length > 0) {
    return [
      `Write-Host ${psQuote(`Checking the ${cert.id} certificate: names ${cert.names.join(', ')}, services ${cert.services.join(', ')}`)}`,
      'try {',
      `    $certificate = Get-SingleCandidate -Names @(${psList(cert.names)}) -Services @(${psList(cert.services)})`,
      `    Write-Host ('OK    ' + ${label})`,
      `    Show-Certificate $certificate ${cert.renewBeforeDays}`,
      '} catch {',
      '    [void]$problems.Add($_.Exception.Message)',
      '}',
    ];
  }
  const ip = psQuote(binding.ipAddress ?? '');
  const boundThumbprint =
    versionTraits(version).iis === 'webAdministration'
      ? [
          'Import-Module -Name WebAdministration',
          `$bindingPath = 'IIS:\\SslBindings\\' + ${ip} + '!443'`,
          "$bound = ''",
          'if (Test-Path -LiteralPath $bindingPath) { $bound = [string](Get-Item -LiteralPath $bindingPath).Thumbprint }',
        ]
      : [
          ...(versionTraits(version).iis === 'appcmdOrIis6'
            ? [
                // Windows Server 2003 (IIS 6) has no http context in netsh: httpcfg.exe (Support Tools) shows the binding there.
                "$iisMajor = (Get-ItemProperty -LiteralPath 'HKLM:\\SOFTWARE\\Microsoft\\InetStp').MajorVersion",
                'if ($iisMajor -lt 7) {',
                `    $shown = @(${psTool(version, 'httpcfg.exe', ["'query'", "'ssl'", "'-i'", `(${ip} + ':443')`])}) -join ' '`,
                '} else {',
                `    $shown = @(${psTool(version, 'netsh.exe', ["'http'", "'show'", "'sslcert'", `('ipport=' + ${ip} + ':443')`])}) -join ' '`,
                '}',
              ]
            : [`$shown = @(${psTool(version, 'netsh.exe', ["'http'", "'show'", "'sslcert'", `('ipport=' + ${ip} + ':443')`])}) -join ' '`]),
          "$bound = ''",
          // The certificate hash is the only 40-digit hex value netsh and httpcfg show; their labels are localised.
          "$hash = [regex]::Match($shown, '\\b[0-9a-fA-F]{40}\\b')",
          'if ($hash.Success) { $bound = $hash.Value }',
        ];
  return [
    `Write-Host ${psQuote(`Checking the ${cert.id} certificate on ${binding.webSite} (${binding.ipAddress}:443)`)}`,
    ...boundThumbprint,
    "if ($bound -eq '') {",
    `    [void]$problems.Add(${psQuote(`No certificate is bound to ${binding.ipAddress}:443 (${binding.webSite}).`)})`,
    '} else {',
    `    $certificate = @(${getCertificates(version)} | Where-Object { $_.Thumbprint -eq $bound })`,
    `    if ($certificate.Count -eq 0) {`,
    `        [void]$problems.Add('The certificate bound to ' + ${ip} + ':443 (' + $bound + ') is not in this server''s store.')`,
    `    } elseif (-not (Test-PlannedNames $certificate[0] @(${psList(cert.names)}))) {`,
    `        [void]$problems.Add('The certificate bound to ' + ${ip} + ':443 (' + $bound + ') does not carry exactly ' + ${psQuote(cert.names.join(', '))} + '.')`,
    '    } else {',
    `        Write-Host ('OK    ' + ${label})`,
    `        Show-Certificate $certificate[0] ${cert.renewBeforeDays}`,
    '    }',
    '}',
  ];
}

/** The verify script of `server`; `as` is how its text names the server (see clientUrlsScript). */
export function verifyScript(plan: ExchangePlan, server: string, as: string = server): ScriptDoc {
  const version = plan.exchangeVersion;
  const endpoints = endpointsOf(plan, server);
  const urlChecks: string[] = [];
  for (const e of endpoints.filter(isVirtualDirectory)) {
    const identity = virtualDirectoryIdentity(as, e.service);
    urlChecks.push(
      ...cmdletMissingGuard(version, e.service, [
        `$vdir = ${psCommand(version, `Get-${VIRTUAL_DIRECTORIES[e.service].noun}`, [arg('Identity', psQuote(identity))])}`,
        `Compare-Setting ${psQuote(`${e.service} internal URL`)} $vdir.InternalUrl ${psQuote(e.internalUrl)}`,
        ...(e.externalUrl ? [`Compare-Setting ${psQuote(`${e.service} external URL`)} $vdir.ExternalUrl ${psQuote(e.externalUrl)}`] : []),
      ]),
    );
  }
  const oa = endpoints.find((e) => e.service === 'OutlookAnywhere');
  if (oa?.externalHostname) {
    const identity = outlookAnywhereIdentity(as);
    // What the client URLs script sets: 2007/2010 the external host name, 2013 and later outlook-anywhere.ts.
    const settings: [string, string, string][] =
      versionTraits(version).outlookAnywhere === 'internalAndExternal'
        ? outlookAnywhereSettings(plan, oa).map((x) => [x.label, x.property, x.text])
        : [['external host name', 'ExternalHostname', oa.externalHostname]];
    urlChecks.push(
      `$outlookAnywhere = @(${psCommand(version, 'Get-OutlookAnywhere', [arg('Identity', psQuote(identity)), arg('ErrorAction', "'SilentlyContinue'")])})`,
      'if ($outlookAnywhere.Count -eq 0) {',
      `    [void]$problems.Add(${psQuote(`Outlook Anywhere (${identity}) was not found: it is not enabled on ${as}.`)})`,
      '} else {',
      ...settings.map(([what, property, expected]) => `    Compare-Setting ${psQuote(`Outlook Anywhere ${what}`)} $outlookAnywhere[0].${property} ${psQuote(expected)}`),
      '}',
    );
  }
  const scp = endpoints.find((e) => e.service === 'Autodiscover');
  if (scp) {
    urlChecks.push(`$clientAccess = ${psCommand(version, `Get-${scpNoun(version)}`, [arg('Identity', psQuote(as))])}`);
    urlChecks.push(`Compare-Setting 'Autodiscover SCP (AutoDiscoverServiceInternalUri)' $clientAccess.AutoDiscoverServiceInternalUri ${psQuote(scp.internalUrl)}`);
  }
  urlChecks.push(...clientProtocolChecks(plan, server, as));
  const certs = certificatesOn(plan, server);
  return {
    slug: `verify-${as.toLowerCase()}`,
    summary: `Checks ${as} against the plan (certificates, names, expiry, services, URLs) and fails on any difference.`,
    title: 'verify the certificates and URLs against the plan',
    server: as,
    exchangeShell: true,
    does: [
      ...certs.map((c) => `Finds the ${c.id} certificate (${c.names.join(', ')}) ${c.services.length > 0 ? `enabled for ${c.services.join(', ')}` : 'bound to its web site'} and lists its thumbprint, names, expiry and services.`),
      'Reads every client URL, the Outlook Anywhere settings, the SCP and the names SMTP submission, POP3 and IMAP4 present, and compares them with the plan.',
      'Fails (the script throws, exit code 1) listing every difference; warns when a certificate is within its renewal window.',
    ],
    needs: ['The earlier scripts for this server have run.'],
    notes: [],
    rerun: 'it only reads; run it as often as you like (for example from a monitoring job).',
    functions: [testPlannedNames(), getPlannedCertificate(version), getServiceList(), getSingleCandidate(), compareSetting(), showCertificate(), ...hybridGuardFunctions(plan, server)],
    body: [
      '$problems = New-Object -TypeName System.Collections.ArrayList',
      '',
      ...certs.flatMap((c) => [...certificateChecks(plan, c, server), '']),
      ...urlChecks,
      ...hybridGuardLines(plan, server),
      '',
      'if ($problems.Count -gt 0) {',
      '    $problems | ForEach-Object { Write-Warning $_ }',
      `    throw (${psQuote(`${as} differs from the plan in `)} + $problems.Count + ' place(s); see the warnings above.')`,
      '}',
      `Write-Host ${psQuote(`${as} matches the plan.`)}`,
    ],
  };
}
