/**
 * The request step: `New-ExchangeCertificate -GenerateRequest` with the planned names,
 * subject, friendly name and key size, saved the way the version can. The renewal script
 * is the same step with a renewal header (`renewal: true`): same settings, new key.
 */
import { ExchangeVersion } from '../exchange-version';
import { ExchangePlan, PlannedCertificate } from '../model/types';
import { PsArg, arg, flag } from './command';
import { hasCrossServerCheck } from './cross-server-script';
import { exchangeStepLines } from './exchange-step';
import { certificateFiles, howTheRequestIsSigned } from './issuer-notes';
import { psList, psQuote } from './quote';
import { ScriptDoc } from './script';
import { getPlannedCertificate, invokeExchangeStep, onThisServer, testPlannedNames } from './snippets';
import { versionTraits } from './version-table';

/** The request arguments every version shares. */
function requestArgs(cert: PlannedCertificate): PsArg[] {
  return [
    flag('GenerateRequest'),
    arg('DomainName', psList(cert.names)),
    arg('SubjectName', psQuote(cert.subjectName)),
    arg('FriendlyName', psQuote(cert.friendlyName)),
    arg('KeySize', String(cert.keySize)),
    ...(cert.privateKeyExportable ? [arg('PrivateKeyExportable', '$true')] : []),
  ];
}

const REQUEST_STEP = 'New-ExchangeCertificate -GenerateRequest';

/**
 * The lines that make the request and leave it in `$requestFile`, as a checked step: 2007
 * writes the file itself (checked: the file is there); 2010 and later return the text, and
 * the step is checked by the pending request it leaves on the server.
 */
export function requestLines(version: ExchangeVersion, cert: PlannedCertificate): string[] {
  const mode = versionTraits(version).files.request;
  if (mode === 'path') {
    return exchangeStepLines(version, {
      step: REQUEST_STEP,
      cmdlet: 'New-ExchangeCertificate',
      args: [...requestArgs(cert).slice(0, 1), arg('Path', '$requestFile'), ...requestArgs(cert).slice(1)],
      check: 'Test-Path -LiteralPath $requestFile',
      assign: 'null',
    });
  }
  return [
    ...exchangeStepLines(version, {
      step: REQUEST_STEP,
      cmdlet: 'New-ExchangeCertificate',
      args: [...requestArgs(cert), ...onThisServer(version, 'New-ExchangeCertificate')],
      check: '@(Get-PlannedCertificate -Names $names -Pending).Count -eq 1',
      assign: 'request',
    }),
    '[System.IO.File]::WriteAllText($requestFile, [string]$request, [System.Text.Encoding]::ASCII)',
  ];
}

/** 2010 and later: a pending request with these names is found with Get-ExchangeCertificate, and none is made twice. */
function pendingRequestLines(): string[] {
  return [
    '$pending = @(Get-PlannedCertificate -Names $names -Pending)',
    'if ($pending.Count -gt 0) {',
    "    Write-Host ('A request for these names is already pending on this server (thumbprint ' + $pending[0].Thumbprint + '); not making another. Send ' + $requestFile + ' to the CA, or remove the stale request with Remove-ExchangeCertificate -Thumbprint ' + $pending[0].Thumbprint + ' and run this script again.')",
    '    return',
    '}',
    'if (Test-Path -LiteralPath $requestFile) { Remove-Item -LiteralPath $requestFile }',
    '',
  ];
}

/**
 * 2007: the request file next to the script is the evidence of a request made here (see
 * `listsPendingRequests` in version-table.ts). The first request is not made twice; the
 * renewal replaces the file of the previous round.
 */
function requestFileLines(renewal: boolean): string[] {
  if (renewal) return ['if (Test-Path -LiteralPath $requestFile) { Remove-Item -LiteralPath $requestFile }', ''];
  return [
    'if (Test-Path -LiteralPath $requestFile) {',
    "    Write-Host ('A request was already made on this server and saved as ' + $requestFile + '; not making another. Send it to the CA. To start over, delete that file and the old request under Certificate Enrollment Requests in the Certificates (Local Computer) console, then run this script again.')",
    '    return',
    '}',
    '',
  ];
}

/**
 * Renewal: the files of the previous round (the issued certificate, the enterprise CA request
 * id) are renamed to *.previous once the new request is made. Left in place, the complete
 * step would find the old certificate "already installed" and the enterprise CA submit step
 * would report "already saved", and the renewal would silently stop there.
 */
function previousRoundLines(plan: ExchangePlan, cert: PlannedCertificate): string[] {
  const f = certificateFiles(cert);
  const files = [f.issued, ...(plan.issuer.kind === 'enterpriseCa' ? [f.requestId] : [])];
  return [
    `foreach ($previous in @(${files.map((x) => `(Join-Path -Path $here -ChildPath ${psQuote(x)})`).join(', ')})) {`,
    '    if (Test-Path -LiteralPath $previous) {',
    "        Move-Item -LiteralPath $previous -Destination ($previous + '.previous') -Force",
    "        Write-Host ('Moved ' + $previous + ' of the previous round to ' + $previous + '.previous.')",
    '    }',
    '}',
  ];
}

/**
 * What the admin runs after a renewal request, in order; index.ts names the same steps'
 * files on the renewal script's Next: line (see `renewalFollowUp` there).
 */
export function renewalSteps(plan: ExchangePlan, cert: PlannedCertificate): string[] {
  const others = [...new Set(cert.bindings.map((b) => b.server))].filter((s) => s !== plan.servers[0].name);
  return [
    ...(plan.issuer.kind === 'enterpriseCa' ? ['submit to the enterprise CA'] : []),
    'complete',
    ...(others.length > 0 || cert.exportPfx ? ['export'] : []),
    ...(others.length > 0 ? ['import on the other servers'] : []),
    ...(cert.bindings.some((b) => b.createsWebSite) ? ['the Autodiscover web site script (binds the new certificate to its site; Exchange does not)'] : []),
    'verify',
    ...(hasCrossServerCheck(plan) ? ['the check that every server holds the same certificate'] : []),
  ];
}

export function requestScript(plan: ExchangePlan, cert: PlannedCertificate, options: { renewal: boolean }): ScriptDoc {
  const version = plan.exchangeVersion;
  const listsPending = versionTraits(version).listsPendingRequests;
  const server = plan.servers[0].name;
  const f = certificateFiles(cert);
  const signing = howTheRequestIsSigned(plan.issuer, cert);
  const saving = {
    path: `${version.displayName} writes the request file itself (New-ExchangeCertificate -Path).`,
    returnedText: `${version.displayName} returns the request as text; the script writes it to ${f.request} (ASCII, the form CAs accept). -RequestFile is not used: it needs a UNC path and is gone from 2016 CU23, 2019 CU12 and SE.`,
  }[versionTraits(version).files.request];
  const renewal = options.renewal;
  return {
    slug: renewal ? `renew-${cert.id}-certificate` : `request-${cert.id}-certificate`,
    summary: renewal
      ? `Renewal: a new request for the ${cert.id} certificate with the same names and settings (run when due).`
      : `Creates the ${cert.id} certificate request on ${server} (${cert.names.join(', ')}).`,
    title: renewal
      ? `RENEWAL of the ${cert.id} certificate: a new request with the same settings (run it when the renewal is due, not during the first setup)`
      : `request the ${cert.id} certificate`,
    server,
    exchangeShell: true,
    does: [
      `Creates a certificate request with a new ${cert.keySize}-bit RSA key held on ${server}${cert.privateKeyExportable ? ' (exportable, for the other servers or the reverse proxy)' : ''}.`,
      `Names: ${cert.names.join(', ')}.`,
      `Subject: ${cert.subjectName}; friendly name: ${cert.friendlyName}.`,
      `Saves the request as ${f.request} next to this script. ${saving}`,
      ...(renewal
        ? [
            `Renewal: the same names, subject and key size as the first request. The previous round's ${f.issued}${plan.issuer.kind === 'enterpriseCa' ? ` and ${f.requestId} are` : ' is'} moved aside (.previous), so the next steps cannot take the old certificate for the new one. ${plan.issuer.kind === 'enterpriseCa' ? 'Then' : `Save the new certificate as ${f.issued}, then`} run the scripts named under Next, in that order: ${renewalSteps(plan, cert).join(', ')}.`,
            `Renewal is due ${cert.renewBeforeDays} days before the certificate expires${cert.renewalDate ? ` (planned: ${cert.renewalDate})` : ''}.`,
          ]
        : []),
    ],
    needs: [`${server} with ${version.displayName}.`, 'Nothing else: the key never leaves the server except in an exported, password-protected PFX.'],
    notes: signing,
    rerun: renewal
      ? listsPending
        ? 'a request already pending for these names is reported and no second one is made.'
        : `a new request replaces ${f.request}; delete the old request under Certificate Enrollment Requests in the Certificates (Local Computer) console if it was never completed.`
      : listsPending
        ? 'nothing new is requested when a valid certificate or a pending request with these names already exists.'
        : `nothing new is requested when a valid certificate with these names exists or ${f.request} is already in this folder.`,
    functions: [testPlannedNames(), getPlannedCertificate(version), invokeExchangeStep()],
    body: [
      `$names = @(${psList(cert.names)})`,
      `$requestFile = Join-Path -Path $here -ChildPath ${psQuote(f.request)}`,
      '',
      ...(renewal
        ? []
        : [
            `$inPlace = @(Get-PlannedCertificate -Names $names | Where-Object { $_.NotAfter -gt [DateTime]::Now.AddDays(${cert.renewBeforeDays}) })`,
            'if ($inPlace.Count -gt 0) {',
            "    Write-Host ('A certificate with these names is already in place (thumbprint ' + $inPlace[0].Thumbprint + ', valid until ' + $inPlace[0].NotAfter + '); nothing to request. Use the renewal script when it is due.')",
            '    return',
            '}',
          ]),
      ...(listsPending ? pendingRequestLines() : requestFileLines(renewal)),
      ...requestLines(version, cert),
      ...(listsPending
        ? [
            `$made = @(Get-PlannedCertificate -Names $names -Pending)`,
            "if ($made.Count -ne 1) { throw 'The request was not found among the pending requests of this server.' }",
            `Write-Host ('Request saved as ' + $requestFile + ' (pending request ' + $made[0].Thumbprint + ').')`,
          ]
        : [
            "if (-not (Test-Path -LiteralPath $requestFile)) { throw ('New-ExchangeCertificate did not write ' + $requestFile + '.') }",
            "Write-Host ('Request saved as ' + $requestFile + '; its key waits on this server for the issued certificate.')",
          ]),
      ...(renewal ? previousRoundLines(plan, cert) : []),
      ...signing.map((s) => `Write-Host ${psQuote(s)}`),
    ],
  };
}
