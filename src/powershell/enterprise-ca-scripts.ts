/**
 * The enterprise CA (AD CS) steps: submit the request with certreq to the CA and template
 * of the plan (retrieving it later when the CA holds it for approval), and the trust step
 * (domain members get the root through Active Directory; the plan's non-domain clients
 * need it by hand).
 */
import { ExchangePlan, PlannedCertificate } from '../model/types';
import { psTool } from './command';
import { certificateFiles } from './issuer-notes';
import { psQuote } from './quote';
import { ScriptDoc } from './script';

/** Where the request to submit is: made on the server next to the scripts, or known at synth (`requests/<id>.req` in the plan's folder). */
function requestLocation(cert: PlannedCertificate): { line: string; need: string } {
  const f = certificateFiles(cert);
  if (cert.requestSource.kind === 'onServer') {
    return { line: `$requestFile = Join-Path -Path $here -ChildPath ${psQuote(f.request)}`, need: `${f.request} in this folder (from the request script).` };
  }
  const made = cert.requestSource.kind === 'fromFile' ? 'the request from the server, checked against the plan at synth' : 'made at synth on the machine that keeps its key';
  return {
    line: `$requestFile = Join-Path -Path (Split-Path -Parent $here) -ChildPath ${psQuote(`requests\\${cert.id}.req`)}`,
    need: `requests/${cert.id}.req in the plan's folder, next to scripts/ (${made}).`,
  };
}

export function submitToEnterpriseCaScript(plan: ExchangePlan, cert: PlannedCertificate): ScriptDoc {
  const version = plan.exchangeVersion;
  const server = plan.servers[0].name;
  const f = certificateFiles(cert);
  const request = requestLocation(cert);
  const caConfig = plan.issuer.caConfig ?? '';
  const template = plan.issuer.template ?? 'WebServer';
  return {
    slug: `submit-${cert.id}-request-to-enterprise-ca`,
    summary: `Submits ${f.request} to the enterprise CA ${caConfig} (template ${template}) and saves ${f.issued}.`,
    title: `submit the ${cert.id} request to the enterprise CA`,
    server,
    exchangeShell: false,
    does: [
      `Runs certreq -submit -config ${caConfig} -attrib CertificateTemplate:${template} with ${f.request} and saves the issued certificate as ${f.issued}.`,
      `When the CA holds the request for a certificate manager's approval, keeps its request id in ${f.requestId}; run the script again after approval and it fetches the certificate with certreq -retrieve.`,
    ],
    needs: [
      request.need,
      `${server} is a domain member and your account may enroll for the template ${template} on ${caConfig} (Enroll permission on the template, template published on the CA).`,
    ],
    notes: [`The template must allow the subject to be supplied in the request (the Web Server template does), or the CA replaces the planned names.`],
    rerun: `nothing is submitted again once ${f.issued} exists; a request held for approval is retrieved, not resubmitted.`,
    functions: [],
    body: [
      `$caConfig = ${psQuote(caConfig)}`,
      request.line,
      `$issuedFile = Join-Path -Path $here -ChildPath ${psQuote(f.issued)}`,
      `$requestIdFile = Join-Path -Path $here -ChildPath ${psQuote(f.requestId)}`,
      'if (Test-Path -LiteralPath $issuedFile) {',
      "    Write-Host ('The issued certificate is already saved as ' + $issuedFile + '; nothing to submit.')",
      '    return',
      '}',
      'if (-not (Test-Path -LiteralPath $requestFile)) {',
      `    throw ('No request file ' + $requestFile + ${psQuote(cert.requestSource.kind === 'onServer' ? ': run the request script first.' : ": it comes with the plan's folder; copy the whole folder.")})`,
      '}',
      'if (Test-Path -LiteralPath $requestIdFile) {',
      '    $requestId = ([System.IO.File]::ReadAllText($requestIdFile)).Trim()',
      `    $output = @(${psTool(version, 'certreq.exe', ["'-q'", "'-retrieve'", "'-config'", '$caConfig', '$requestId', '$issuedFile'])})`,
      '} else {',
      `    $output = @(${psTool(version, 'certreq.exe', ["'-q'", "'-submit'", "'-config'", '$caConfig', "'-attrib'", psQuote(`CertificateTemplate:${template}`), '$requestFile', '$issuedFile'])})`,
      '}',
      '$exitCode = $LASTEXITCODE',
      '$output | ForEach-Object { Write-Host $_ }',
      // The request id is kept before the exit code is judged: a request held for approval
      // must be retrievable later whatever certreq returns for "pending".
      `$match = [regex]::Match(($output -join ' '), 'RequestId:\\s*"?(\\d+)')`,
      'if ($match.Success -and -not (Test-Path -LiteralPath $requestIdFile)) { [System.IO.File]::WriteAllText($requestIdFile, $match.Groups[1].Value) }',
      'if (Test-Path -LiteralPath $issuedFile) {',
      "    Write-Host ('Saved the issued certificate as ' + $issuedFile + '.')",
      '} elseif (Test-Path -LiteralPath $requestIdFile) {',
      "    Write-Warning ('The CA holds the request (id ' + ([System.IO.File]::ReadAllText($requestIdFile)).Trim() + ') for approval, or denied it (see the certreq output above). Once a certificate manager has issued it, run this script again to fetch it; if it was denied, delete ' + $requestIdFile + ' and fix the cause first.')",
      '} else {',
      "    throw ('certreq did not issue a certificate (exit code ' + $exitCode + '); see its output above.')",
      '}',
    ],
  };
}

export function enterpriseCaTrustScript(plan: ExchangePlan): ScriptDoc {
  const version = plan.exchangeVersion;
  const server = plan.servers[0].name;
  const caConfig = plan.issuer.caConfig ?? '';
  const clients = plan.issuer.nonDomainClients ?? [];
  const rootFile = 'enterprise-ca.cer';
  return {
    slug: 'distribute-enterprise-ca-certificate',
    summary: `Saves the enterprise CA's certificate as ${rootFile} and lists the clients that must be given it by hand.`,
    title: 'make clients trust the enterprise CA',
    server,
    exchangeShell: false,
    does: [
      `Saves the certificate of ${caConfig} as ${rootFile} next to this script (certutil -ca.cert).`,
      'Lists the clients that are not domain members: they do not trust the CA until its root certificate is installed on them by hand.',
    ],
    needs: [`${server} can reach ${caConfig}.`],
    notes: [
      'Domain members trust an enterprise CA without this step: installing it publishes its certificate in Active Directory, and group policy puts it in every member\'s Trusted Root store.',
      `If the CA is a standalone CA or its root is not in Active Directory, an Enterprise Admin publishes it with: certutil -dspublish -f ${rootFile} RootCA (this script does not do it for you).`,
      `If ${caConfig} is a subordinate CA, ${rootFile} is its own certificate: give clients its root CA's certificate as well.`,
    ],
    rerun: `${rootFile} is fetched again; nothing else changes.`,
    functions: [],
    body: [
      `$caConfig = ${psQuote(caConfig)}`,
      `$rootFile = Join-Path -Path $here -ChildPath ${psQuote(rootFile)}`,
      'if (Test-Path -LiteralPath $rootFile) { Remove-Item -LiteralPath $rootFile }',
      `${psTool(version, 'certutil.exe', ["'-config'", '$caConfig', "'-ca.cert'", '$rootFile'])} | Out-Null`,
      "if ($LASTEXITCODE -ne 0) { throw ('certutil failed with exit code ' + $LASTEXITCODE + '.') }",
      "Write-Host ('Saved the CA certificate as ' + $rootFile + '.')",
      `Write-Host ${psQuote('Install it in the Trusted Root Certification Authorities store of these clients, which are not domain members:')}`,
      ...clients.map((c) => `Write-Host ${psQuote(`  - ${c}`)}`),
    ],
  };
}
