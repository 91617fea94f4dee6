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
 */
import { ExchangePlan, PlannedHybrid } from '../model/types';
import { arg, flag, psCommand } from './command';
import { exchangeStepLines } from './exchange-step';
import { exchangeRead, invokeExchangeRead } from './hybrid-snippets';
import { psList, psQuote } from './quote';
import { ScriptDoc } from './script';
import { invokeExchangeStep } from './snippets';

const AUTH_SUBJECT = 'CN=Microsoft Exchange Server Auth Certificate';
const AUTH_FRIENDLY_NAME = 'Microsoft Exchange Server Auth Certificate';

export function authCertificateScript(plan: ExchangePlan, hybrid: PlannedHybrid): ScriptDoc {
  const version = plan.exchangeVersion;
  const auth = hybrid.authCertificate!;
  const first = plan.servers[0].name;
  const servers = plan.servers.map((s) => s.name);
  const hours = auth.minimumHoursBetweenRuns;
  const authConfig = `@(${exchangeRead(version, "'the Auth configuration'", 'Get-AuthConfig', [])})`;
  const heldOnEveryServer = [
    `    foreach ($server in @(${psList(servers)})) {`,
    `        $held = @(${exchangeRead(version, "('the certificates of ' + $server)", 'Get-ExchangeCertificate', [arg('Server', '$server')])} | Where-Object { ([string]$_.Thumbprint) -eq $next })`,
    '        if ($held.Count -eq 0) {',
    "            throw ('The next Auth certificate ' + $next + ' has not reached ' + $server + ' yet: Exchange copies it to every server before it becomes effective. Check the Microsoft Exchange Service Host service there and run this script again later; nothing was changed.')",
    '        }',
    '    }',
  ];
  // The certificate the New-ExchangeCertificate step made: the Auth subject, not there before.
  const madeQuery = `${psCommand(version, 'Get-ExchangeCertificate', [arg('Server', '$env:COMPUTERNAME')])} | Where-Object { (([string]$_.Subject) -eq ${psQuote(AUTH_SUBJECT)}) -and ($before -notcontains ([string]$_.Thumbprint)) }`;
  const hybridFollowUp = [
    "Write-Host 'Hybrid: Exchange Online must learn the new Auth certificate. Run the Hybrid Configuration Wizard again (it uploads the certificate), or, if this organisation uses the dedicated Exchange hybrid application, run ConfigureExchangeHybridApplication.ps1 -UpdateCertificate.'",
  ];
  return {
    slug: 'rotate-auth-certificate',
    summary: `Rotates the Exchange Auth (OAuth) certificate in two runs at least ${hours} hours apart${auth.rotationDate ? ` (first run on or after ${auth.rotationDate})` : ''}.`,
    title: 'rotate the Exchange Auth certificate (two runs)',
    server: first,
    exchangeShell: true,
    does: [
      `Reads the Auth configuration (Get-AuthConfig) and the current Auth certificate's expiry; does nothing before the rotation is due (${auth.rotationDate ? `${auth.rotationDate}, or ` : ''}${auth.rotateDaysBeforeExpiry} days before the certificate expires).`,
      `First run: makes a new self-signed Auth certificate (New-ExchangeCertificate -SubjectName '${AUTH_SUBJECT}', enabled for no service, so the default SMTP certificate stays) and sets it as the next one with an effective date ${hours + 1} hours ahead (Set-AuthConfig -NewCertificateThumbprint -NewCertificateEffectiveDate); Exchange copies it to every server in between.`,
      `Second run, after the effective date: checks that every server holds it, publishes it (Set-AuthConfig -PublishCertificate) and clears the previous one (Set-AuthConfig -ClearPreviousCertificate). Run earlier, it changes nothing and says when to run it.`,
      'Then says what hybrid needs: the Hybrid Configuration Wizard again, or ConfigureExchangeHybridApplication.ps1 -UpdateCertificate for the dedicated hybrid application.',
    ],
    needs: [`${first} can read ${servers.join(', ')} with the Exchange Management Shell; the Microsoft Exchange Service Host service runs on every server (it deploys the next certificate).`],
    notes: [
      'The Auth certificate is Exchange\'s own self-signed certificate for OAuth (OWA, ECP, hybrid free/busy and mailbox moves with Exchange Online); it is not the public certificate of this plan and has its own date.',
      'After the second run Microsoft recommends restarting the MSExchangeOWAAppPool and MSExchangeECPAppPool application pools so OWA and ECP take the new certificate at once.',
    ],
    rerun: 'safe: each run reads the Auth configuration and does only the step that is due; run again when it says so.',
    functions: [invokeExchangeStep(), invokeExchangeRead()],
    body: [
      `$authConfig = ${authConfig}`,
      "if ($authConfig.Count -eq 0) { throw 'Get-AuthConfig returned nothing: this is not an Exchange 2013 or later organisation.' }",
      '$current = [string]$authConfig[0].CurrentCertificateThumbprint',
      '$next = [string]$authConfig[0].NextCertificateThumbprint',
      "if ($next -eq '') {",
      `    $currentCertificate = @(${exchangeRead(version, "'the current Auth certificate'", 'Get-ExchangeCertificate', [arg('Server', '$env:COMPUTERNAME')])} | Where-Object { ([string]$_.Thumbprint) -eq $current })`,
      `    $dueDate = [DateTime]::Now.AddDays(1)`,
      `    if ($currentCertificate.Count -gt 0) { $dueDate = $currentCertificate[0].NotAfter.AddDays(-${auth.rotateDaysBeforeExpiry}) }`,
      ...(auth.rotationDate ? [`    $planned = [DateTime]::ParseExact(${psQuote(auth.rotationDate)}, 'yyyy-MM-dd', [System.Globalization.CultureInfo]::InvariantCulture)`, '    if ($planned -lt $dueDate) { $dueDate = $planned }'] : []),
      '    if ([DateTime]::Now -lt $dueDate) {',
      "        Write-Host ('The Auth certificate ' + $current + ' expires on ' + $currentCertificate[0].NotAfter + '; its rotation is due on ' + $dueDate.ToString('yyyy-MM-dd') + '. Nothing to do now: run this script again on or after that day.')",
      '        return',
      '    }',
      "    if ($currentCertificate.Count -eq 0) { Write-Warning ('The current Auth certificate ' + $current + ' is not on this server: a new one is made here.') }",
      `    $before = @(${exchangeRead(version, "'the certificates of this server'", 'Get-ExchangeCertificate', [arg('Server', '$env:COMPUTERNAME')])} | ForEach-Object { [string]$_.Thumbprint })`,
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
      }).map((l) => `    ${l}`),
      `    $made = @(${madeQuery})[0]`,
      "    Write-Host ('New Auth certificate ' + $made.Thumbprint + ' made on ' + $env:COMPUTERNAME + ', expires ' + $made.NotAfter + '.')",
      `    $effective = [DateTime]::Now.AddHours(${hours + 1})`,
      ...exchangeStepLines(version, {
        step: 'Set-AuthConfig -NewCertificateThumbprint',
        cmdlet: 'Set-AuthConfig',
        args: [arg('NewCertificateThumbprint', '$made.Thumbprint'), arg('NewCertificateEffectiveDate', '$effective')],
        check: `([string]@(${psCommand(version, 'Get-AuthConfig')})[0].NextCertificateThumbprint) -eq $made.Thumbprint`,
      }).map((l) => `    ${l}`),
      `    Write-Host ('The new Auth certificate ' + $made.Thumbprint + ' becomes effective on ' + $effective + '. Run this script again after that (at least ${hours} hours from now) to publish it.')`,
      '    return',
      '}',
      '$effective = $authConfig[0].NextCertificateEffectiveDate',
      'if (($effective -ne $null) -and ([DateTime]::Now -lt [DateTime]$effective)) {',
      "    throw ('Too early: the next Auth certificate ' + $next + ' becomes effective on ' + $effective + '. Nothing was changed; run this script again after that.')",
      '}',
      ...heldOnEveryServer,
      ...exchangeStepLines(version, {
        step: 'Set-AuthConfig -PublishCertificate',
        cmdlet: 'Set-AuthConfig',
        args: [flag('PublishCertificate')],
        check: `([string]@(${psCommand(version, 'Get-AuthConfig')})[0].CurrentCertificateThumbprint) -eq $next`,
      }),
      "Write-Host ('Published: the current Auth certificate is ' + $next + '.')",
      ...exchangeStepLines(version, {
        step: 'Set-AuthConfig -ClearPreviousCertificate',
        cmdlet: 'Set-AuthConfig',
        args: [flag('ClearPreviousCertificate')],
        check: `([string]@(${psCommand(version, 'Get-AuthConfig')})[0].PreviousCertificateThumbprint) -eq ''`,
      }),
      "Write-Host 'Cleared the previous Auth certificate.'",
      ...hybridFollowUp,
    ],
  };
}
