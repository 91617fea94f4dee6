/**
 * The Exchange Auth (OAuth) certificate's rotation, Microsoft's documented way, planned on
 * its own date (not the public certificate's): it spans two runs at least 48 hours apart.
 * First run: a new self-signed Auth certificate and `Set-AuthConfig -NewCertificateThumbprint
 * -NewCertificateEffectiveDate` at least 48 hours ahead (Exchange deploys it to every server in
 * between). Second run, after the effective date: `Set-AuthConfig -PublishCertificate`, then
 * `-ClearPreviousCertificate`, and what hybrid needs next (the Hybrid Configuration Wizard
 * again, or the dedicated hybrid application's certificate update). The script reads the
 * Auth configuration each time and does the step that is due; run too early it does nothing
 * and says when to run it.
 *
 * Exchange also publishes by itself: its AuthAdmin servicelet makes the next certificate
 * current within about 12 hours of the effective date. A second run that finds the new
 * certificate current and the previous one still set does the rest (every server holds it,
 * clear the previous one, the hybrid step). A missing or expired current certificate is
 * replaced at once (Microsoft's procedure: effective now, publish, clear, then recycle the
 * OWA and ECP application pools), since OWA, ECP and hybrid OAuth are down meanwhile. Every
 * Exchange 2013+ server of the organisation that is not Edge Transport must hold the Auth
 * certificate, not only the plan's (auth-servers.ts).
 */
import { ExchangePlan, PlannedHybrid } from '../model/types';
import { authServersFunction } from './auth-servers';
import { arg, flag, psCommand } from './command';
import { exchangeStepLines } from './exchange-step';
import { exchangeRead, invokeExchangeRead } from './hybrid-snippets';
import { psQuote } from './quote';
import { ScriptDoc } from './script';
import { invokeExchangeStep } from './snippets';

const AUTH_SUBJECT = 'CN=Microsoft Exchange Server Auth Certificate';
const AUTH_FRIENDLY_NAME = 'Microsoft Exchange Server Auth Certificate';

export function authCertificateScript(plan: ExchangePlan, hybrid: PlannedHybrid): ScriptDoc {
  const version = plan.exchangeVersion;
  const auth = hybrid.authCertificate!;
  const first = plan.servers[0].name;
  const hours = auth.minimumHoursBetweenRuns;
  const authConfig = `@(${exchangeRead(version, "'the Auth configuration'", 'Get-AuthConfig', [])})`;
  const localCertificates = exchangeRead(version, "'the certificates of this server'", 'Get-ExchangeCertificate', [arg('Server', '$env:COMPUTERNAME')]);
  // Get-AuthServerMissing: the servers of the organisation that do not hold a certificate.
  const missingFunction = [
    'function Get-AuthServerMissing([string]$Thumbprint) {',
    '    $missing = @()',
    '    foreach ($server in $authServers) {',
    `        $held = @(${exchangeRead(version, "('the certificates of ' + $server)", 'Get-ExchangeCertificate', [arg('Server', '$server')])} | Where-Object { ([string]$_.Thumbprint) -eq $Thumbprint })`,
    '        if ($held.Count -eq 0) { $missing += $server }',
    '    }',
    '    return ,$missing',
    '}',
  ];
  const assertHeld = (variable: string, what: string) => [
    `$missing = Get-AuthServerMissing ${variable}`,
    'if ($missing.Count -gt 0) {',
    `    throw ('${what} ' + ${variable} + ' has not reached ' + ($missing -join ', ') + ' yet: Exchange copies it to every server. Check the Microsoft Exchange Service Host service there (or export it with its key and import it there) and run this script again; nothing was changed.')`,
    '}',
  ];
  // The certificate the New-ExchangeCertificate step made: the Auth subject, not there before.
  const madeQuery = `${psCommand(version, 'Get-ExchangeCertificate', [arg('Server', '$env:COMPUTERNAME')])} | Where-Object { (([string]$_.Subject) -eq ${psQuote(AUTH_SUBJECT)}) -and ($before -notcontains ([string]$_.Thumbprint)) }`;
  // An Auth certificate an earlier run made but could not set (Set-AuthConfig failed) is reused, not made again.
  const unusedQuery = `@(${localCertificates} | Where-Object { (([string]$_.Subject) -eq ${psQuote(AUTH_SUBJECT)}) -and $_.HasPrivateKey -and ($_.NotAfter -gt [DateTime]::Now.AddDays(365)) -and (@($current, $previous, $next) -notcontains ([string]$_.Thumbprint)) } | Sort-Object -Property NotAfter -Descending)`;
  const makeOrReuse = (lines: readonly string[]) => [
    `$unused = ${unusedQuery}`,
    'if ($unused.Count -gt 0) {',
    '    $made = $unused[0]',
    "    Write-Host ('Reusing the Auth certificate ' + $made.Thumbprint + ' that an earlier run made and did not set (expires ' + $made.NotAfter + ').')",
    '} else {',
    ...lines.map((l) => `    ${l}`),
    '}',
  ];
  const makeCertificate = [
    `$before = @(${localCertificates} | ForEach-Object { [string]$_.Thumbprint })`,
    ...exchangeStepLines(version, {
      step: 'New-ExchangeCertificate (Auth certificate)',
      cmdlet: 'New-ExchangeCertificate',
      args: [
        arg('SubjectName', psQuote(AUTH_SUBJECT)),
        arg('FriendlyName', psQuote(AUTH_FRIENDLY_NAME)),
        arg('DomainName', '@()'),
        arg('KeySize', '2048'),
        arg('PrivateKeyExportable', '$true'),
        arg('Services', "'None'"),
        arg('Server', '$env:COMPUTERNAME'),
      ],
      check: `@(${madeQuery}).Count -eq 1`,
      assign: 'made',
    }),
    `$made = @(${madeQuery})[0]`,
    "Write-Host ('New Auth certificate ' + $made.Thumbprint + ' made on ' + $env:COMPUTERNAME + ', expires ' + $made.NotAfter + '.')",
  ];
  const setNext = (effective: string, force: boolean) =>
    exchangeStepLines(version, {
      step: 'Set-AuthConfig -NewCertificateThumbprint',
      cmdlet: 'Set-AuthConfig',
      args: [arg('NewCertificateThumbprint', '$made.Thumbprint'), arg('NewCertificateEffectiveDate', effective), ...(force ? [flag('Force')] : [])],
      check: `([string]@(${psCommand(version, 'Get-AuthConfig')})[0].NextCertificateThumbprint) -eq $made.Thumbprint`,
    });
  const publish = [
    ...exchangeStepLines(version, {
      step: 'Set-AuthConfig -PublishCertificate',
      cmdlet: 'Set-AuthConfig',
      args: [flag('PublishCertificate')],
      check: `([string]@(${psCommand(version, 'Get-AuthConfig')})[0].CurrentCertificateThumbprint) -eq $next`,
    }),
    "Write-Host ('Published: the current Auth certificate is ' + $next + '.')",
  ];
  const clearAndFollowUp = [
    ...exchangeStepLines(version, {
      step: 'Set-AuthConfig -ClearPreviousCertificate',
      cmdlet: 'Set-AuthConfig',
      args: [flag('ClearPreviousCertificate')],
      check: `([string]@(${psCommand(version, 'Get-AuthConfig')})[0].PreviousCertificateThumbprint) -eq ''`,
    }),
    "Write-Host 'Cleared the previous Auth certificate.'",
    "Write-Host ('Next: on ' + ($authServers -join ', ') + ' recycle the application pools that cache the Auth certificate (elevated PowerShell): Restart-WebAppPool MSExchangeOWAAppPool; Restart-WebAppPool MSExchangeECPAppPool')",
    "Write-Host 'Hybrid: Exchange Online must learn the new Auth certificate. Run the Hybrid Configuration Wizard again (it uploads the certificate), or, if this organisation uses the dedicated Exchange hybrid application, run ConfigureExchangeHybridApplication.ps1 -UpdateCertificate.'",
  ];
  const indent = (lines: readonly string[]) => lines.map((l) => `    ${l}`);
  return {
    slug: 'rotate-auth-certificate',
    summary: `Rotates the Exchange Auth (OAuth) certificate in two runs at least ${hours} hours apart${auth.rotationDate ? ` (first run on or after ${auth.rotationDate})` : ''}; replaces a missing or expired one at once.`,
    title: 'rotate the Exchange Auth certificate (two runs)',
    server: first,
    exchangeShell: true,
    does: [
      `Reads the Auth configuration (Get-AuthConfig), the current Auth certificate's expiry, and the servers that must hold it (Get-ExchangeServer: every Exchange 2013 or later server that is not Edge Transport); does nothing before the rotation is due (${auth.rotationDate ? `${auth.rotationDate}, or ` : ''}${auth.rotateDaysBeforeExpiry} days before the certificate expires).`,
      `First run: makes a new self-signed Auth certificate (New-ExchangeCertificate -SubjectName '${AUTH_SUBJECT}', enabled for no service, so the default SMTP certificate stays) and sets it as the next one with an effective date ${hours + 1} hours ahead (Set-AuthConfig -NewCertificateThumbprint -NewCertificateEffectiveDate); Exchange copies it to every server in between.`,
      `Second run, after the effective date: checks that every server holds it, publishes it (Set-AuthConfig -PublishCertificate) unless Exchange's AuthAdmin servicelet already did (it does within about 12 hours of the effective date), and clears the previous one (Set-AuthConfig -ClearPreviousCertificate). Run earlier, it changes nothing and says when to run it.`,
      'A current Auth certificate that is missing on this server or expired is replaced in one run (effective now with -Force, published, the previous one cleared), as Microsoft documents for that case: OWA, ECP and hybrid OAuth fail until then.',
      'Then says what is left: recycle MSExchangeOWAAppPool and MSExchangeECPAppPool on every server, and for hybrid the Hybrid Configuration Wizard again, or ConfigureExchangeHybridApplication.ps1 -UpdateCertificate for the dedicated hybrid application.',
    ],
    needs: [`${first} can read every Exchange server of the organisation with the Exchange Management Shell; the Microsoft Exchange Service Host service runs on every server (it deploys the next certificate).`],
    notes: [
      'The Auth certificate is Exchange\'s own self-signed certificate for OAuth (OWA, ECP, hybrid free/busy and mailbox moves with Exchange Online); it is not the public certificate of this plan and has its own date.',
      'Microsoft recommends restarting the MSExchangeOWAAppPool and MSExchangeECPAppPool application pools after the certificate changes so OWA and ECP take it at once; the script prints the commands (they run on each server).',
    ],
    rerun: 'safe: each run reads the Auth configuration and does only the step that is due; run again when it says so.',
    functions: [invokeExchangeStep(), invokeExchangeRead(), authServersFunction(version), missingFunction],
    body: [
      `$authConfig = ${authConfig}`,
      "if ($authConfig.Count -eq 0) { throw 'Get-AuthConfig returned nothing: this is not an Exchange 2013 or later organisation.' }",
      '$current = [string]$authConfig[0].CurrentCertificateThumbprint',
      '$next = [string]$authConfig[0].NextCertificateThumbprint',
      '$previous = [string]$authConfig[0].PreviousCertificateThumbprint',
      '$authServers = Get-AuthServers',
      "Write-Host ('The Auth certificate belongs on ' + ($authServers -join ', ') + ' (every Exchange 2013 or later server that is not Edge Transport).')",
      `$currentCertificate = @(${localCertificates} | Where-Object { ([string]$_.Thumbprint) -eq $current })`,
      "$broken = ''",
      "if ($current -eq '') { $broken = 'The Auth configuration names no current certificate' }",
      "if (($broken -eq '') -and ($currentCertificate.Count -eq 0)) { $broken = 'The current Auth certificate ' + $current + ' is not on ' + $env:COMPUTERNAME }",
      "if (($broken -eq '') -and ($currentCertificate[0].NotAfter -lt [DateTime]::Now)) { $broken = 'The current Auth certificate ' + $current + ' expired on ' + $currentCertificate[0].NotAfter }",
      "if ($broken -ne '') {",
      "    Write-Warning ($broken + ': OWA, ECP and hybrid OAuth fail until it is replaced, so a new one is made and published now, without waiting 48 hours (Microsoft''s procedure for a missing or expired Auth certificate).')",
      `    $staged = @(${localCertificates} | Where-Object { ($next -ne '') -and (([string]$_.Thumbprint) -eq $next) -and ($_.NotAfter -gt [DateTime]::Now) })`,
      '    if ($staged.Count -gt 0) {',
      "        Write-Host ('The next Auth certificate ' + $next + ' is already here: it is published now.')",
      '    } else {',
      ...indent(indent(makeOrReuse(makeCertificate))),
      ...indent(indent(setNext('([DateTime]::Now)', true))),
      '        $next = [string]$made.Thumbprint',
      '    }',
      ...indent(publish),
      '    $missing = Get-AuthServerMissing $next',
      "    if ($missing.Count -gt 0) { Write-Warning ('The new Auth certificate ' + $next + ' has not reached ' + ($missing -join ', ') + ' yet: OAuth fails there until Exchange copies it (Microsoft Exchange Service Host), or export it with its key and import it there.') }",
      ...indent(clearAndFollowUp),
      '    return',
      '}',
      "if (($next -eq '') -and ($previous -ne '') -and ($previous -ne $current)) {",
      "    Write-Host ('Exchange has published the next Auth certificate itself: ' + $current + ' is current, the previous one ' + $previous + ' is still set.')",
      ...indent(assertHeld('$current', 'The current Auth certificate')),
      ...indent(clearAndFollowUp),
      '    return',
      '}',
      "if ($next -eq '') {",
      `    $dueDate = $currentCertificate[0].NotAfter.AddDays(-${auth.rotateDaysBeforeExpiry})`,
      ...(auth.rotationDate ? [`    $planned = [DateTime]::ParseExact(${psQuote(auth.rotationDate)}, 'yyyy-MM-dd', [System.Globalization.CultureInfo]::InvariantCulture)`, '    if ($planned -lt $dueDate) { $dueDate = $planned }'] : []),
      '    if ([DateTime]::Now -lt $dueDate) {',
      "        Write-Host ('The Auth certificate ' + $current + ' expires on ' + $currentCertificate[0].NotAfter + '; its rotation is due on ' + $dueDate.ToString('yyyy-MM-dd') + '. Nothing to do now: run this script again on or after that day.')",
      '        return',
      '    }',
      ...indent(makeOrReuse(makeCertificate)),
      `    $effective = [DateTime]::Now.AddHours(${hours + 1})`,
      ...indent(setNext('$effective', false)),
      `    Write-Host ('The new Auth certificate ' + $made.Thumbprint + ' becomes effective on ' + $effective + '. Run this script again after that (at least ${hours} hours from now) to finish the rotation.')`,
      '    return',
      '}',
      '$effective = $authConfig[0].NextCertificateEffectiveDate',
      'if (($effective -ne $null) -and ([DateTime]::Now -lt [DateTime]$effective)) {',
      "    throw ('Too early: the next Auth certificate ' + $next + ' becomes effective on ' + $effective + '. Nothing was changed; run this script again after that.')",
      '}',
      ...assertHeld('$next', 'The next Auth certificate'),
      ...publish,
      ...clearAndFollowUp,
    ],
  };
}
