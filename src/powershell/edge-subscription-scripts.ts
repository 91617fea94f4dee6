/**
 * The Edge Transport steps of a hybrid plan (issue 14, review must-fix 7). When hybrid mail
 * flows through Edge Transport servers, the Edge server presents the certificate to Exchange
 * Online, and its Edge Subscription carries that certificate: Microsoft's Edge Subscriptions
 * page (learn.microsoft.com/exchange/architecture/edge-transport-servers/edge-subscriptions)
 * says a certificate change on the Edge server needs a new subscription. Two scripts per Edge
 * server:
 * - on the Edge server: import the plan's PFX, enable it for SMTP (it becomes the default SMTP
 *   certificate there, `-Force` answers that prompt), write a new subscription file with
 *   `New-EdgeSubscription -FileName`;
 * - on the first Mailbox server of the plan: import that file with `New-EdgeSubscription
 *   -FileData -Site` (the site of the server it runs on, read with Get-ExchangeServer), then
 *   `Start-EdgeSynchronization`, and read the subscription back (`Get-EdgeSubscription`).
 * The subscription file holds a bootstrap account that expires 24 hours (1440 minutes) after
 * the Edge step: the Mailbox step refuses an older file. The connectors the wizard made on
 * the Edge server are its own: the Hybrid Configuration Wizard must run again afterwards.
 */
import { PlannedEdgeServer } from '../model/hybrid-types';
import { ExchangePlan, PlannedCertificate, PlannedHybrid } from '../model/types';
import { arg, flag, psCommand } from './command';
import { exchangeStepLines } from './exchange-step';
import { exchangeRead, invokeExchangeRead } from './hybrid-snippets';
import { installedCheck, importLines } from './install-script';
import { certificateFiles } from './issuer-notes';
import { psList, psQuote } from './quote';
import { ScriptDoc } from './script';
import { getCertificates, getPfxThumbprint, getServiceList, invokeExchangeStep, testPlannedNames } from './snippets';

/** Microsoft's page on Edge Subscriptions (what a certificate change on an Edge server needs). */
export const EDGE_SUBSCRIPTIONS_PAGE = 'https://learn.microsoft.com/exchange/architecture/edge-transport-servers/edge-subscriptions';

/** Hours the subscription file's bootstrap account lives (Microsoft: 1440 minutes). */
export const EDGE_SUBSCRIPTION_FILE_HOURS = 24;

/** The subscription file an Edge script writes and the Mailbox script imports. */
export function edgeSubscriptionFile(edge: PlannedEdgeServer): string {
  return `${edge.name.toLowerCase()}-edge-subscription.xml`;
}

/** The certificate the Edge servers present: the hybrid certificate of the plan. */
export function edgeCertificate(plan: ExchangePlan, hybrid: PlannedHybrid): PlannedCertificate {
  return plan.certificates.find((c) => c.id === hybrid.certificate.certificateId)!;
}

/** On the Edge server: import the PFX, enable it for SMTP, write a new Edge subscription file. */
export function edgeCertificateScript(plan: ExchangePlan, hybrid: PlannedHybrid, edge: PlannedEdgeServer): ScriptDoc {
  const version = plan.exchangeVersion;
  const cert = edgeCertificate(plan, hybrid);
  const f = certificateFiles(cert);
  const file = edgeSubscriptionFile(edge);
  const first = plan.servers[0].name;
  return {
    slug: `edge-certificate-${edge.name.toLowerCase()}`,
    summary: `On the Edge Transport server ${edge.name}: imports the ${cert.id} certificate, enables it for SMTP and writes a new Edge subscription file ${file} (a certificate change on an Edge server needs a new Edge subscription).`,
    title: `put the ${cert.id} certificate on the Edge Transport server ${edge.name} and write a new Edge subscription`,
    server: edge.name,
    exchangeShell: true,
    does: [
      `Imports ${f.pfx} with its private key on ${edge.name} (unless it is already there) and checks it carries ${cert.names.join(', ')}.`,
      `Enables it for SMTP (-Force: it replaces the default SMTP certificate of ${edge.name}, which is what the Edge server presents to Exchange Online and what its Edge subscription carries).`,
      `Writes a new Edge subscription file ${file} next to this script (New-EdgeSubscription -FileName, -Force: the Edge server's synchronised configuration is replaced at the next synchronisation).`,
    ],
    needs: [
      `${f.pfx} in this folder (${cert.requestSource.kind === 'generateLocally' ? 'built where the key is, as the import scripts\' header says' : `the export script on ${first} writes it`}; copy the folder to ${edge.name}) and its password (asked for; never stored).`,
      `The Exchange Management Shell on ${edge.name}, as a local administrator.`,
    ],
    notes: [
      `Microsoft: a certificate change on an Edge Transport server needs a new Edge subscription (${EDGE_SUBSCRIPTIONS_PAGE}).`,
      `Copy ${file} to ${first} and run the import-edge-subscription script there within ${EDGE_SUBSCRIPTION_FILE_HOURS} hours: the bootstrap account in the file expires after 1440 minutes.`,
      'Then run the Hybrid Configuration Wizard again and pick this certificate for the Edge server: the connectors it made for the Edge server are recreated from the subscription.',
    ],
    rerun: `the certificate is not imported again; SMTP is enabled again only where missing; a new ${file} is written each time (the last one is the one to import).`,
    functions: [testPlannedNames(), getPfxThumbprint(), getServiceList(), invokeExchangeStep()],
    body: [
      `$names = @(${psList(cert.names)})`,
      `$sourceFile = Join-Path -Path $here -ChildPath ${psQuote(f.pfx)}`,
      `$subscriptionFile = Join-Path -Path $here -ChildPath ${psQuote(file)}`,
      'if (-not (Test-Path -LiteralPath $sourceFile)) {',
      `    throw ('Put ' + $sourceFile + ' in place first (see the header of this script).')`,
      '}',
      `$password = Read-Host -AsSecureString -Prompt ${psQuote(`Password of ${f.pfx}`)}`,
      '$thumbprint = Get-PfxThumbprint -File $sourceFile -Password $password',
      `if (${installedCheck(version)}) {`,
      "    Write-Host ('Certificate ' + $thumbprint + ' is already installed on this server; not importing it again.')",
      '} else {',
      ...importLines(version, true).map((l) => `    ${l}`),
      "    Write-Host ('Imported certificate ' + $thumbprint + '.')",
      '}',
      `$certificate = ${getCertificates(version, '$thumbprint')}`,
      'if (-not (Test-PlannedNames $certificate $names)) {',
      "    throw ('Certificate ' + $thumbprint + ' carries ' + (($certificate.CertificateDomains | ForEach-Object { [string]$_ }) -join ', ') + ', not the planned ' + ($names -join ', ') + '.')",
      '}',
      'if (-not $certificate.HasPrivateKey) {',
      "    throw ('Certificate ' + $thumbprint + ' was imported without its private key: export it again with its key.')",
      '}',
      "if ((Get-ServiceList $certificate) -contains 'SMTP') {",
      "    Write-Host ('Certificate ' + $thumbprint + ' is already enabled for SMTP.')",
      '} else {',
      ...exchangeStepLines(version, {
        step: 'Enable-ExchangeCertificate SMTP (Edge)',
        cmdlet: 'Enable-ExchangeCertificate',
        args: [arg('Thumbprint', '$thumbprint'), arg('Services', "'SMTP'"), flag('Force')],
        check: `(Get-ServiceList (${getCertificates(version, '$thumbprint')})) -contains 'SMTP'`,
        assign: 'null',
      }).map((l) => `    ${l}`),
      "    Write-Host ('Enabled ' + $thumbprint + ' for SMTP (the default SMTP certificate of this Edge server).')",
      '}',
      'if (Test-Path -LiteralPath $subscriptionFile) { Remove-Item -LiteralPath $subscriptionFile }',
      ...exchangeStepLines(version, {
        step: 'New-EdgeSubscription -FileName (Edge)',
        cmdlet: 'New-EdgeSubscription',
        args: [arg('FileName', '$subscriptionFile'), flag('Force')],
        check: '(Test-Path -LiteralPath $subscriptionFile) -and ((Get-Item -LiteralPath $subscriptionFile).Length -gt 0)',
        assign: 'null',
      }),
      `Write-Host ('Wrote ' + $subscriptionFile + '. Copy it to ${first.replace(/'/g, "''")} and run the import-edge-subscription script there within ${EDGE_SUBSCRIPTION_FILE_HOURS} hours, then run the Hybrid Configuration Wizard again.')`,
    ],
  };
}

/** On the first Mailbox server: import the Edge server's subscription file, synchronise, read it back. */
export function importEdgeSubscriptionScript(plan: ExchangePlan, edge: PlannedEdgeServer): ScriptDoc {
  const version = plan.exchangeVersion;
  const first = plan.servers[0].name;
  const file = edgeSubscriptionFile(edge);
  const subscription = psCommand(version, 'Get-EdgeSubscription', [arg('Identity', psQuote(edge.name))]);
  return {
    slug: `import-edge-subscription-${edge.name.toLowerCase()}`,
    summary: `On ${first}: imports ${edge.name}'s new Edge subscription (${file}) for this server's Active Directory site and starts EdgeSync; then run the Hybrid Configuration Wizard again.`,
    title: `import the new Edge subscription of ${edge.name}`,
    server: first,
    exchangeShell: true,
    does: [
      `Reads the Active Directory site of ${first} (Get-ExchangeServer).`,
      `Imports ${file} with New-EdgeSubscription -FileData -Site <that site> and reads the subscription of ${edge.name} back (Get-EdgeSubscription).`,
      'Starts the synchronisation (Start-EdgeSynchronization), so the Edge server gets the configuration now instead of within the hour.',
    ],
    needs: [`${file} in this folder, written by the Edge script on ${edge.name} less than ${EDGE_SUBSCRIPTION_FILE_HOURS} hours ago (its bootstrap account expires after 1440 minutes).`],
    notes: [
      `Microsoft: ${EDGE_SUBSCRIPTIONS_PAGE}.`,
      'After this script: run the Hybrid Configuration Wizard again and choose the Edge server and its new certificate for the hybrid mail flow; check with Test-EdgeSynchronization once the synchronisation has run.',
    ],
    rerun: `imports ${file} again (the same file within its ${EDGE_SUBSCRIPTION_FILE_HOURS} hours); run the Edge script again for a new file after that.`,
    functions: [invokeExchangeStep(), invokeExchangeRead()],
    body: [
      `$subscriptionFile = Join-Path -Path $here -ChildPath ${psQuote(file)}`,
      'if (-not (Test-Path -LiteralPath $subscriptionFile)) {',
      `    throw ('Put ' + $subscriptionFile + ' in place first: the Edge script on ${edge.name.replace(/'/g, "''")} writes it.')`,
      '}',
      '$age = [DateTime]::Now - (Get-Item -LiteralPath $subscriptionFile).LastWriteTime',
      `if ($age.TotalHours -ge ${EDGE_SUBSCRIPTION_FILE_HOURS}) {`,
      `    throw ($subscriptionFile + ' was written ' + [int]$age.TotalHours + ' hours ago: its bootstrap account has expired (1440 minutes). Run the Edge script on ${edge.name.replace(/'/g, "''")} again and import the new file within ${EDGE_SUBSCRIPTION_FILE_HOURS} hours.')`,
      '}',
      `$thisServer = @(${exchangeRead(version, "'this server (Get-ExchangeServer)'", 'Get-ExchangeServer', [arg('Identity', '$env:COMPUTERNAME')])})`,
      "$site = ''",
      "if ($thisServer.Count -gt 0 -and $thisServer[0].PSObject.Properties['Site'] -ne $null) { $site = [string]$thisServer[0].Site }",
      "if ($site -eq '') {",
      "    throw ('Get-ExchangeServer names no Active Directory site for ' + $env:COMPUTERNAME + '; nothing was imported. Run New-EdgeSubscription -FileData ... -Site <site> yourself with the site the Edge server serves.')",
      '}',
      "Write-Host ('Active Directory site of ' + $env:COMPUTERNAME + ': ' + $site)",
      ...exchangeStepLines(version, {
        step: `New-EdgeSubscription -FileData ${file}`,
        cmdlet: 'New-EdgeSubscription',
        args: [arg('FileData', '([Byte[]][System.IO.File]::ReadAllBytes($subscriptionFile))'), arg('Site', '$site')],
        check: `@(${subscription}).Count -gt 0`,
        assign: 'null',
      }),
      `Write-Host ${psQuote(`Imported the Edge subscription of ${edge.name}.`)}`,
      ...exchangeStepLines(version, { step: 'Start-EdgeSynchronization', cmdlet: 'Start-EdgeSynchronization', args: [], check: '$true', assign: 'null' }),
      `Write-Host ${psQuote(`Started EdgeSync to ${edge.name}. Next: run the Hybrid Configuration Wizard again (it recreates the hybrid connectors of ${edge.name} on its new certificate), then Test-EdgeSynchronization.`)}`,
    ],
  };
}
