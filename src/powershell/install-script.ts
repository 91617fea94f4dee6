/**
 * The install step on one server: complete the pending request with the issued
 * certificate (first server) or import the PFX (other servers, or a key made off the
 * server), then enable the planned services. The thumbprint comes from the file itself and
 * is checked against the planned names; nobody pastes one.
 */
import { ExchangeService } from '../exchange-service';
import { ExchangeVersion } from '../exchange-version';
import { ExchangePlan, PlannedCertificate } from '../model/types';
import { PsArg, arg, flag, psCommand } from './command';
import { exchangeStepLines } from './exchange-step';
import { acmPrivateCaOutputs, certificateFiles, issuedFileNeeds } from './issuer-notes';
import { PFX_ENCRYPTION_REASON, pfxCommand } from './pfx';
import { psList, psQuote } from './quote';
import { ScriptDoc } from './script';
import { getCertificates, getFileThumbprint, getPfxThumbprint, getPlannedCertificate, getServiceList, invokeExchangeStep, onThisServer, testPlannedNames } from './snippets';
import { findCmdlet, versionTraits } from './version-table';

/** Where the certificate comes from on this server. */
export type InstallSource = 'issuedCertificate' | 'pfx';

/** The installed certificate with `$thumbprint` is on this server (PowerShell expression). */
export function installedCheck(version: ExchangeVersion): string {
  return `@(${getCertificates(version)} | Where-Object { $_.Thumbprint -eq $thumbprint }).Count -gt 0`;
}

/** `Import-ExchangeCertificate` reading `$sourceFile` the way the version can, as a checked step. */
export function importLines(version: ExchangeVersion, withPassword: boolean): string[] {
  const password = withPassword ? [arg('Password', '$password')] : [];
  const args: PsArg[] =
    versionTraits(version).files.import === 'path'
      ? [arg('Path', '$sourceFile'), ...password]
      : [arg('FileData', '([Byte[]][System.IO.File]::ReadAllBytes($sourceFile))'), ...password, ...onThisServer(version, 'Import-ExchangeCertificate')];
  return exchangeStepLines(version, { step: 'Import-ExchangeCertificate (certificate from the file)', cmdlet: 'Import-ExchangeCertificate', args, check: installedCheck(version), assign: 'null' });
}

/** Adds the ACM Private CA chain from `$chainFile` to this server's Root / CA stores. */
function trustChainLines(): string[] {
  return [
    'if (-not (Test-Path -LiteralPath $chainFile)) {',
    "    throw ('Save the certificate chain as ' + $chainFile + ' first (see the header).')",
    '}',
    '$pem = [System.IO.File]::ReadAllText($chainFile)',
    "foreach ($block in [regex]::Matches($pem, '-----BEGIN CERTIFICATE-----([^-]+)-----END CERTIFICATE-----')) {",
    "    $bytes = [System.Convert]::FromBase64String(($block.Groups[1].Value -replace '\\s', ''))",
    '    $ca = New-Object -TypeName System.Security.Cryptography.X509Certificates.X509Certificate2 -ArgumentList (,$bytes)',
    "    if ($ca.Subject -eq $ca.Issuer) { $storeName = 'Root' } else { $storeName = 'CA' }",
    "    $store = New-Object -TypeName System.Security.Cryptography.X509Certificates.X509Store -ArgumentList $storeName, 'LocalMachine'",
    "    $store.Open('ReadWrite')",
    '    if (@($store.Certificates | Where-Object { $_.Thumbprint -eq $ca.Thumbprint }).Count -eq 0) {',
    '        $store.Add($ca)',
    "        Write-Host ('Trusted ' + $ca.Subject + ' (LocalMachine\\' + $storeName + ').')",
    '    } else {',
    "        Write-Host ($ca.Subject + ' is already in LocalMachine\\' + $storeName + '.')",
    '    }',
    '    $store.Close()',
    '}',
  ];
}

/** The server's default SMTP certificate (internal transport): Get-TransportServer (2007, 2010) or Get-TransportService (2013 and later). */
function defaultSmtpThumbprint(version: ExchangeVersion): string {
  const cmdlet = findCmdlet(version, 'Get-TransportService') ? 'Get-TransportService' : 'Get-TransportServer';
  return `([string](${psCommand(version, cmdlet, [arg('Identity', '$env:COMPUTERNAME')])}).InternalTransportCertificateThumbprint)`;
}

/**
 * replaceDefaultSmtpCertificate: false. `-Force` (needed to enable SMTP unattended) makes the
 * new certificate the default SMTP certificate; enabling the previous default for SMTP with
 * `-Force` again makes it the default again, and the new one stays enabled for SMTP.
 */
function keepDefaultSmtpLines(version: ExchangeVersion): string[] {
  return [
    "if (($previousDefault -ne '') -and ($previousDefault -ne $thumbprint)) {",
    ...exchangeStepLines(version, {
      step: 'Enable-ExchangeCertificate: make the previous default SMTP certificate the default again',
      cmdlet: 'Enable-ExchangeCertificate',
      args: [arg('Thumbprint', '$previousDefault'), arg('Services', "'SMTP'"), flag('Force'), ...onThisServer(version, 'Enable-ExchangeCertificate')],
      check: `${defaultSmtpThumbprint(version)} -eq $previousDefault`,
      assign: 'null',
    }).map((l) => `    ${l}`),
    "    Write-Host ('Kept ' + $previousDefault + ' as the default SMTP certificate (internal transport); ' + $thumbprint + ' is enabled for SMTP as well.')",
    '}',
  ];
}

/** Enables the planned services on `$thumbprint`, only those not yet enabled, and checks that they are. */
export function enableLines(version: ExchangeVersion, services: readonly ExchangeService[], replaceDefaultSmtp = true): string[] {
  if (services.length === 0) return [];
  const force = services.includes(ExchangeService.SMTP) ? [flag('Force')] : [];
  const keep = services.includes(ExchangeService.SMTP) && !replaceDefaultSmtp;
  const enabledAll = `@($plannedServices | Where-Object { (Get-ServiceList (${getCertificates(version, '$thumbprint')})) -notcontains $_ }).Count -eq 0`;
  return [
    '',
    `$plannedServices = @(${psList(services)})`,
    '$enabled = Get-ServiceList $certificate',
    "Write-Host ('Certificate ' + $thumbprint + ' is enabled for: ' + (@($enabled) -join ', ') + ' (before).')",
    ...(keep ? [`$previousDefault = ${defaultSmtpThumbprint(version)}`, "Write-Host ('Default SMTP certificate (internal transport): ' + $previousDefault + ' (before).')"] : []),
    '$missing = @($plannedServices | Where-Object { $enabled -notcontains $_ })',
    'if ($missing.Count -eq 0) {',
    "    Write-Host ('Already enabled for ' + ($plannedServices -join ', ') + '; nothing to change.')",
    '} else {',
    ...exchangeStepLines(version, {
      step: `Enable-ExchangeCertificate for ${services.join(', ')}`,
      cmdlet: 'Enable-ExchangeCertificate',
      args: [arg('Thumbprint', '$thumbprint'), arg('Services', psList(services)), ...force, ...onThisServer(version, 'Enable-ExchangeCertificate')],
      check: enabledAll,
      assign: 'null',
    }).map((l) => `    ${l}`),
    "    Write-Host ('Enabled ' + $thumbprint + ' for ' + ($plannedServices -join ', ') + '.')",
    ...(keep ? keepDefaultSmtpLines(version).map((l) => `    ${l}`) : []),
    '}',
  ];
}

function serviceNotes(cert: PlannedCertificate, viaSite: boolean, replaceDefaultSmtp: boolean): string[] {
  const out: string[] = [];
  if (cert.services.includes(ExchangeService.IIS)) {
    out.push('Enabling IIS binds the certificate to the Default Web Site on port 443 and turns Require SSL on for it (the script does not pass -DoNotRequireSsl, so SSL stays required).');
  }
  if (cert.services.includes(ExchangeService.SMTP)) {
    out.push(
      "Enabling SMTP with -Force answers yes to 'Overwrite the existing default SMTP certificate?': this certificate replaces the server's self-signed one as the default SMTP certificate, which transport uses for internal transport (TLS between Exchange servers) and offers for STARTTLS on the default Receive connectors. Clients on port 587 get the SMTP certificate that matches the client Receive connector's FQDN, which the client URLs script sets.",
      replaceDefaultSmtp
        ? 'To keep the previous default SMTP certificate for internal transport instead, set replaceDefaultSmtpCertificate: false in the plan.'
        : 'The plan keeps the previous default SMTP certificate (replaceDefaultSmtpCertificate: false): right after enabling, the script makes it the default again (Enable-ExchangeCertificate -Services SMTP -Force on it) and checks that it is.',
    );
  }
  if (cert.services.length === 0 && viaSite) {
    out.push('This certificate is enabled for no Exchange service: the Autodiscover web site script binds it in IIS on its own address.');
  }
  return out;
}

/** Where the certificate for a request made at synth comes from. */
function issuedFrom(plan: ExchangePlan, cert: PlannedCertificate): string {
  const f = certificateFiles(cert);
  switch (plan.issuer.kind) {
    case 'acmPrivateCa':
      return `after terraform apply: terraform output -raw ${acmPrivateCaOutputs(cert).pem} > ${f.issued}, and ${acmPrivateCaOutputs(cert).chain} > ${f.chain}`;
    case 'enterpriseCa':
      return `saved as ${f.issued} by the enterprise CA submit script`;
    default:
      return `issued by ${plan.issuer.displayName} for requests/${cert.id}.req in the plan's folder`;
  }
}

/** The install script of `cert` on `server`; `as` is how its text names the server (see clientUrlsScript). */
export function installScript(plan: ExchangePlan, cert: PlannedCertificate, server: string, source: InstallSource, as: string = server): ScriptDoc {
  const version = plan.exchangeVersion;
  const f = certificateFiles(cert);
  const first = plan.servers[0].name;
  const fromIssued = source === 'issuedCertificate';
  // Every server that gets the certificate needs the private CA's chain in its stores, or the
  // certificate is Untrusted there: the first server's complete step and every PFX import alike.
  const chain = plan.issuer.kind === 'acmPrivateCa';
  const generatedLocally = cert.requestSource.kind === 'generateLocally';
  const enabling = cert.services.length > 0 ? `, then enables it for ${cert.services.join(', ')}` : '';
  return {
    slug: fromIssued ? `complete-${cert.id}-certificate` : `import-${cert.id}-certificate-${as.toLowerCase()}`,
    summary: fromIssued
      ? `Completes the ${cert.id} certificate request on ${as} with the issued certificate${enabling}.`
      : `Imports the ${cert.id} certificate with its key from ${f.pfx} on ${as}${enabling}.`,
    title: `${fromIssued ? `complete the ${cert.id} certificate request` : `import the ${cert.id} certificate (PFX)`}${cert.services.length > 0 ? ' and enable it' : ''}`,
    server: as,
    exchangeShell: true,
    does: [
      ...(chain ? [`Adds the ACM Private CA chain from ${f.chain} to this server's certificate stores.`] : []),
      fromIssued
        ? `Reads the thumbprint from ${f.issued} (the certificate whose CN is ${cert.subject.commonName}), ${versionTraits(version).listsPendingRequests ? 'checks that exactly one pending request with the planned names waits on this server, ' : ''}and imports the certificate, which completes the request made on this server (and checks that the private key is there).`
        : `Reads the thumbprint from ${f.pfx} and imports the certificate with its private key.`,
      `Checks that the installed certificate carries exactly the planned names: ${cert.names.join(', ')}${enabling}.`,
    ],
    needs: fromIssued
      ? [
          ...issuedFileNeeds(plan.issuer, cert),
          cert.requestSource.kind === 'fromFile'
            ? `The pending request made on ${as} with New-ExchangeCertificate -GenerateRequest when the plan's request file was made (its key waits there; do not remove it).`
            : `The pending request made by the request script on ${as}.`,
        ]
      : generatedLocally
        ? [
            `${f.pfx} in this folder: the issued certificate (${issuedFrom(plan, cert)}) joined with the key made at synth, on the machine that holds the key: ${pfxCommand(`-inkey <the generateLocally key file> -in ${f.issued}${plan.issuer.kind === 'acmPrivateCa' ? ` -certfile ${f.chain}` : ''} -out ${f.pfx}`)}. Choose its password there; you are asked for it here. The options encrypt it with ${PFX_ENCRYPTION_REASON}`,
          ]
        : [`${f.pfx} in this folder, written by the export script on ${first} (copy the whole scripts folder), and its password (asked for; never stored).`],
    ...(chain && !fromIssued ? [`${f.chain} in this folder (the ACM Private CA chain from the Terraform output ${acmPrivateCaOutputs(cert).chain}; it comes with the scripts folder once saved there): this server trusts the certificate only with it.`] : []),
    notes: serviceNotes(cert, cert.bindings.some((b) => b.createsWebSite), plan.serverSettings.replaceDefaultSmtpCertificate),
    rerun: 'a certificate that is already imported is reported and not imported again; services already enabled are left as they are.',
    functions: [testPlannedNames(), getPlannedCertificate(version), fromIssued ? getFileThumbprint() : getPfxThumbprint(), getServiceList(), invokeExchangeStep()],
    body: [
      `$names = @(${psList(cert.names)})`,
      `$commonName = ${psQuote(cert.subject.commonName)}`,
      `$sourceFile = Join-Path -Path $here -ChildPath ${psQuote(fromIssued ? f.issued : f.pfx)}`,
      ...(chain ? [`$chainFile = Join-Path -Path $here -ChildPath ${psQuote(f.chain)}`, '', ...trustChainLines()] : []),
      '',
      'if (-not (Test-Path -LiteralPath $sourceFile)) {',
      "    throw ('Put ' + $sourceFile + ' in place first (see the header of this script).')",
      '}',
      ...(fromIssued
        ? ['$thumbprint = Get-FileThumbprint -File $sourceFile -CommonName $commonName']
        : [`$password = Read-Host -AsSecureString -Prompt ${psQuote(`Password of ${f.pfx}`)}`, '$thumbprint = Get-PfxThumbprint -File $sourceFile -Password $password']),
      `$existing = @(${getCertificates(version)} | Where-Object { $_.Thumbprint -eq $thumbprint })`,
      'if ($existing.Count -gt 0) {',
      "    Write-Host ('Certificate ' + $thumbprint + ' is already installed on this server; not importing it again.')",
      '} else {',
      ...(fromIssued && versionTraits(version).listsPendingRequests
        ? [
            '    $pending = @(Get-PlannedCertificate -Names $names -Pending)',
            '    if ($pending.Count -eq 0) {',
            `        throw ${psQuote(
              cert.requestSource.kind === 'fromFile'
                ? "No pending request with the planned names on this server: the issued certificate only completes the request whose key waits here. If that request was removed, make a new one on this server with New-ExchangeCertificate -GenerateRequest, give its file to the plan (CertificateRequest.fromFile) and have it signed again."
                : 'No pending request with the planned names on this server: the issued certificate only completes the request made here (run the request script first, or import a PFX).',
            )}`,
            '    }',
            '    if ($pending.Count -gt 1) {',
            "        throw ('Several pending requests carry the planned names (' + (($pending | ForEach-Object { $_.Thumbprint }) -join ', ') + '); remove the stale ones with Remove-ExchangeCertificate -Thumbprint <thumbprint> and run this script again.')",
            '    }',
          ]
        : []),
      ...importLines(version, !fromIssued).map((l) => `    ${l}`),
      "    Write-Host ('Imported certificate ' + $thumbprint + '.')",
      '}',
      `$certificate = ${getCertificates(version, '$thumbprint')}`,
      'if (-not (Test-PlannedNames $certificate $names)) {',
      "    throw ('Certificate ' + $thumbprint + ' carries ' + (($certificate.CertificateDomains | ForEach-Object { [string]$_ }) -join ', ') + ', not the planned ' + ($names -join ', ') + '.')",
      '}',
      'if (-not $certificate.HasPrivateKey) {',
      fromIssued
        ? "    throw ('Certificate ' + $thumbprint + ' is on this server without its private key: it was not issued for a request made here. Remove it with Remove-ExchangeCertificate -Thumbprint ' + $thumbprint + ' and run the request script on this server.')"
        : "    throw ('Certificate ' + $thumbprint + ' was imported without its private key: export it again with its key.')",
      '}',
      ...enableLines(version, cert.services, plan.serverSettings.replaceDefaultSmtpCertificate),
    ],
  };
}
