/**
 * The export step on the first server: a PFX of the certificate with its key, for the other
 * servers and/or a reverse proxy that bridges TLS. The password is asked for with
 * `Read-Host -AsSecureString` and never written anywhere.
 */
import { ExchangeVersion } from '../exchange-version';
import { ExchangePlan, PlannedCertificate } from '../model/types';
import { arg, flag } from './command';
import { exchangeStepLines } from './exchange-step';
import { certificateFiles } from './issuer-notes';
import { psQuote } from './quote';
import { ScriptDoc } from './script';
import { getCertificates, getFileThumbprint, invokeExchangeStep, onThisServer } from './snippets';
import { versionTraits } from './version-table';

const EXPORT_STEP = 'Export-ExchangeCertificate (PFX with the private key)';

/** The PFX file is there and not empty (PowerShell expression). */
const PFX_WRITTEN = '(Test-Path -LiteralPath $pfxFile) -and ((Get-Item -LiteralPath $pfxFile).Length -gt 0)';

/**
 * `Export-ExchangeCertificate` of `$thumbprint` into `$pfxFile`, the way the version can, as a
 * checked step (the file must be there afterwards). 2010 and later return the bytes, which
 * the script writes; an export that returned nothing leaves no file and fails the step.
 */
export function exportLines(version: ExchangeVersion): string[] {
  if (versionTraits(version).files.export === 'path') {
    return exchangeStepLines(version, {
      step: EXPORT_STEP,
      cmdlet: 'Export-ExchangeCertificate',
      args: [arg('Thumbprint', '$thumbprint'), arg('Path', '$pfxFile'), flag('BinaryEncoded'), arg('Password', '$password')],
      check: PFX_WRITTEN,
      assign: 'null',
    });
  }
  return [
    ...exchangeStepLines(version, {
      step: EXPORT_STEP,
      cmdlet: 'Export-ExchangeCertificate',
      args: [arg('Thumbprint', '$thumbprint'), flag('BinaryEncoded'), arg('Password', '$password'), ...onThisServer(version, 'Export-ExchangeCertificate')],
      check: '$true',
      assign: 'export',
    }),
    'if (($export -eq $null) -or ($export.PSObject.Properties[\'FileData\'] -eq $null) -or ($export.FileData -eq $null)) {',
    `    throw ${psQuote(`FAILED: ${EXPORT_STEP}: Exchange returned no file data; nothing was written.`)}`,
    '}',
    '[System.IO.File]::WriteAllBytes($pfxFile, [Byte[]]$export.FileData)',
    `if (-not (${PFX_WRITTEN})) { throw ${psQuote(`FAILED: ${EXPORT_STEP}: the file was not written.`)} }`,
  ];
}

export function exportScript(plan: ExchangePlan, cert: PlannedCertificate): ScriptDoc {
  const version = plan.exchangeVersion;
  const server = plan.servers[0].name;
  const f = certificateFiles(cert);
  const others = plan.servers.slice(1).map((s) => s.name);
  const uses = [
    ...(others.length > 0 ? [`the other servers (${others.join(', ')}) import it`] : []),
    ...(cert.exportPfx ? ['the reverse proxy or load balancer that bridges TLS takes it'] : []),
    ...(plan.hybrid && plan.hybrid.certificate.certificateId === cert.id && plan.hybrid.edgeServers.length > 0 ? [`the Edge Transport servers (${plan.hybrid.edgeServers.map((e) => e.name).join(', ')}) import it`] : []),
  ];
  return {
    slug: `export-${cert.id}-certificate-pfx`,
    summary: `Exports the ${cert.id} certificate with its key as ${f.pfx} (password prompted) for ${uses.join(' and ')}.`,
    title: `export the ${cert.id} certificate with its key as a PFX`,
    server,
    exchangeShell: true,
    does: [
      `Finds the certificate by the thumbprint of ${f.issued} (CN ${cert.subject.commonName}) and exports it with its private key as ${f.pfx} next to this script, protected by a password you type.`,
      `Then ${uses.join('; ')}.`,
    ],
    needs: [`The complete script has run on ${server} (the certificate is installed there, with an exportable key).`, `${f.issued} still in this folder.`],
    notes: [
      'The password is asked for and kept only in memory; keep it in your password manager, the import asks for it again.',
      `${f.pfx} holds the private key: copy it only to the servers and proxy that need it, and delete it afterwards.`,
      ...(cert.exportPfx && ['2019', 'SE'].includes(version.name)
        ? [`${version.displayName} uses Extended Protection (on by default from 2019 CU14): the proxy must re-encrypt to the server with this same certificate, not terminate TLS.`]
        : []),
    ],
    rerun: `the PFX is written again from the same certificate (with the password typed this time); nothing on the server changes.`,
    functions: [getFileThumbprint(), invokeExchangeStep()],
    body: [
      `$commonName = ${psQuote(cert.subject.commonName)}`,
      `$issuedFile = Join-Path -Path $here -ChildPath ${psQuote(f.issued)}`,
      `$pfxFile = Join-Path -Path $here -ChildPath ${psQuote(f.pfx)}`,
      'if (-not (Test-Path -LiteralPath $issuedFile)) {',
      "    throw ('Expected ' + $issuedFile + ' (the issued certificate) to find the certificate to export.')",
      '}',
      '$thumbprint = Get-FileThumbprint -File $issuedFile -CommonName $commonName',
      `$certificate = ${getCertificates(version, '$thumbprint')}`,
      'if (-not $certificate.HasPrivateKey) {',
      "    throw ('Certificate ' + $thumbprint + ' has no private key on this server; run the complete script first.')",
      '}',
      `$password = Read-Host -AsSecureString -Prompt ${psQuote(`Password to protect ${f.pfx}`)}`,
      'if ($password.Length -lt 8) { throw ' + psQuote('Use a password of at least 8 characters.') + ' }',
      'if (Test-Path -LiteralPath $pfxFile) { Remove-Item -LiteralPath $pfxFile }',
      ...exportLines(version),
      "Write-Host ('Exported ' + $thumbprint + ' with its private key to ' + $pfxFile + '.')",
    ],
  };
}
