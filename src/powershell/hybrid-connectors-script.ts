/**
 * The hybrid re-pin step (Exchange 2013 and later), run once per plan after the new
 * certificate is enabled for SMTP on every server: the Hybrid Configuration Wizard pinned the
 * SMTP certificate by issuer and subject (`TlsCertificateName`) on the Send connector to
 * Exchange Online, the Receive connector that takes mail from it and the hybrid configuration.
 * A renewed certificate with another issuer (an intermediate rotation at the CA) or subject
 * matches none of them, and mail flow stops (454 4.7.5). This script finds every such object
 * on the server, not only the declared ones (the hybrid configuration, the wizard's Send
 * connector, every connector pinning a certificate with the planned names, old or new), and
 * sets the new certificate's issuer and subject where they differ; same issuer and subject:
 * nothing changes.
 */
import { ExchangePlan, PlannedHybrid } from '../model/types';
import { arg, psCommand } from './command';
import { exchangeRead, hybridCertificateLines, hybridConnectorReads, hybridServers, invokeExchangeRead, tlsNameFunctions } from './hybrid-snippets';
import { psQuote } from './quote';
import { ScriptDoc } from './script';
import { getServiceList, invokeExchangeStep, testPlannedNames } from './snippets';
import { hybridPinFunction, oldPinLines, pinKeyFunction, wizardSendConnectorFunction } from './hybrid-discovery';
import { newPinHolderFunction, presentingServersLines } from './hybrid-presenting-servers';

/** Update-Pin: sets one object's TlsCertificateName to `$newName` when it differs, as a checked step. */
function updatePin(plan: ExchangePlan): string[] {
  const v = plan.exchangeVersion;
  const set = (cmdlet: string, args: ReturnType<typeof arg>[]) => psCommand(v, cmdlet, [...args, arg('TlsCertificateName', '$newName'), arg('ErrorVariable', "'stepErrors'")]);
  return [
    'function Update-Pin([string]$Kind, [string]$Identity, [string]$Before) {',
    "    $what = $Kind + ' ''' + $Identity + ''''",
    '    if ((Get-PinKey $Before) -eq (Get-PinKey $newName)) {',
    "        Write-Host ($what + ': TlsCertificateName already ''' + $newName + '''; nothing to change.')",
    '        return',
    '    }',
    "    Write-Host ($what + ': TlsCertificateName before ''' + $Before + ''', planned ''' + $newName + '''.')",
    "    if ($Kind -eq 'Send connector') {",
    `        Invoke-ExchangeStep ('Set-SendConnector ' + $Identity) { ${set('Set-SendConnector', [arg('Identity', '$Identity')])} } { ([string](${psCommand(v, 'Get-SendConnector', [arg('Identity', '$Identity')])}).TlsCertificateName) -eq $newName } | Out-Null`,
    "    } elseif ($Kind -eq 'Receive connector') {",
    `        Invoke-ExchangeStep ('Set-ReceiveConnector ' + $Identity) { ${set('Set-ReceiveConnector', [arg('Identity', '$Identity')])} } { ([string](${psCommand(v, 'Get-ReceiveConnector', [arg('Identity', '$Identity')])}).TlsCertificateName) -eq $newName } | Out-Null`,
    '    } else {',
    `        Invoke-ExchangeStep 'Set-HybridConfiguration' { ${set('Set-HybridConfiguration', [])} } { ([string](@(${psCommand(v, 'Get-HybridConfiguration')})[0].TlsCertificateName)) -eq $newName } | Out-Null`,
    '    }',
    "    Write-Host ($what + ': TlsCertificateName set to ''' + $newName + '''.')",
    '    $script:changed += 1',
    '}',
  ];
}

export function hybridConnectorsScript(plan: ExchangePlan, hybrid: PlannedHybrid): ScriptDoc {
  const version = plan.exchangeVersion;
  const first = plan.servers[0].name;
  const servers = hybridServers(plan, hybrid);
  const edgeReceive = hybrid.connectors.filter((c) => c.kind === 'receiveConnector' && c.onEdgeServer).map((c) => c.identity);
  const edgeNotes = hybrid.edgeServers.map(
    (e) =>
      `Edge Transport server ${e.name}: a certificate change there needs a new Edge subscription; the plan's edge-certificate-${e.name.toLowerCase()} script (on ${e.name}) and import-edge-subscription-${e.name.toLowerCase()} script (on ${plan.servers[0].name}) do it, then run the Hybrid Configuration Wizard again. This script does not change ${e.name}.`,
  );
  return {
    slug: 'hybrid-repin-connectors',
    summary: `Re-pins the hybrid connectors and the hybrid configuration on the new SMTP certificate's issuer and subject where they changed (run on ${first}).`,
    title: 'point the hybrid connectors and the hybrid configuration at the new certificate',
    server: first,
    exchangeShell: true,
    does: [
      `Reads the newest valid certificate with the names ${plan.certificates.find((c) => c.id === hybrid.certificate.certificateId)!.names.join(', ')} on ${servers.join(', ')} (it must be enabled for SMTP and the same on every server) and its TlsCertificateName ('<I>issuer<S>subject').`,
      `Finds what pins the hybrid certificate on the servers, whether or not the plan names it: the hybrid configuration (Get-HybridConfiguration), the wizard's Send connector ('${hybrid.discovery.wizardSendConnectorPrefix}', with ' - <guid>' since 2015, or the one whose smart host is *.mail.protection.outlook.com), every Send connector and every Receive connector of these servers whose TlsCertificateName names a certificate with the planned names or the value the hybrid configuration or the wizard's connector pins now (so a subject change is followed), and the connectors the plan declares.`,
      "Before any change: every source server of a Send connector to re-pin and every transport server of the hybrid configuration outside this plan must hold a valid certificate with the new issuer and subject, enabled for SMTP (Set-SendConnector is organisation-wide); otherwise it stops, changing nothing.",
      'Sets TlsCertificateName on each of them to the new certificate only where it differs (another issuer or subject; spaces in the names ignored), each change read back; the same issuer and subject change nothing.',
    ],
    needs: [`The new certificate is installed and enabled for SMTP on ${servers.join(', ')} (the install and import scripts); ${first} can read those servers with the Exchange Management Shell.`],
    notes: [
      'Exchange Online checks the certificate by name (the inbound connector\'s TlsSenderCertificateName): a renewal with the same names needs no change there; the Exchange Online script of this plan checks it.',
      ...edgeNotes,
      ...(edgeReceive.length > 0 ? [`Declared Receive connectors on Edge servers (${edgeReceive.join(', ')}) are changed on the Edge server itself after the new subscription, not from here.`] : []),
    ],
    rerun: 'safe: values that already name the new certificate are left alone, so a second run changes nothing.',
    functions: [testPlannedNames(), getServiceList(), invokeExchangeStep(), invokeExchangeRead(), tlsNameFunctions(), pinKeyFunction(), wizardSendConnectorFunction(hybrid.discovery.wizardSendConnectorPrefix), hybridPinFunction(), newPinHolderFunction(), updatePin(plan)],
    body: [
      ...hybridCertificateLines(plan, hybrid),
      'foreach ($server in $hybridServers) {',
      '    if (-not $hybridNewest.ContainsKey($server)) {',
      "        throw ('No valid certificate with the names ' + ($hybridNames -join ', ') + ' and its key on ' + $server + ': run the install scripts first.')",
      '    }',
      "    if ((Get-ServiceList $hybridNewest[$server]) -notcontains 'SMTP') {",
      "        throw ('The newest certificate with the planned names on ' + $server + ' (' + $hybridNewest[$server].Thumbprint + ') is not enabled for SMTP: run its install script (it enables SMTP and keeps the default SMTP certificate).')",
      '    }',
      '}',
      '$newName = Get-TlsName $hybridNewest[$hybridServers[0]]',
      'foreach ($server in $hybridServers) {',
      '    if ((Get-TlsName $hybridNewest[$server]) -ne $newName) {',
      "        throw ($server + ' presents ' + (Get-TlsName $hybridNewest[$server]) + ', ' + $hybridServers[0] + ' presents ' + $newName + ': import the same certificate on every server first (the check-servers script shows it).')",
      '    }',
      '}',
      "Write-Host ('The hybrid certificate: ' + $newName + ' (thumbprint ' + $hybridNewest[$hybridServers[0]].Thumbprint + ').')",
      '$changed = 0',
      '',
      ...hybridConnectorReads(version, hybrid),
      '# A declared connector that does not exist stops the script before anything changes.',
      'foreach ($name in $declaredSend) {',
      '    if (@($sendConnectors | Where-Object { ([string]$_.Name) -eq $name }).Count -eq 0) {',
      "        throw ('The plan declares the Send connector ''' + $name + ''', which this organisation does not have (Get-SendConnector). Correct hybrid.sendConnectors in the plan.')",
      '    }',
      '}',
      'foreach ($identity in $declaredReceive) {',
      '    if (@($receiveConnectors | Where-Object { ([string]$_.Identity) -eq $identity }).Count -eq 0) {',
      "        throw ('The plan declares the Receive connector ''' + $identity + ''', which does not exist (Get-ReceiveConnector -Server). Correct hybrid.receiveConnectors in the plan.')",
      '    }',
      '}',
      '',
      `$hybridConfiguration = @(${exchangeRead(version, "'the hybrid configuration'", 'Get-HybridConfiguration', [])})`,
      ...oldPinLines(),
      '# What to re-pin, collected before anything changes.',
      '$pending = New-Object -TypeName System.Collections.ArrayList',
      'if ($hybridConfiguration.Count -eq 0) {',
      "    Write-Warning 'This organisation has no hybrid configuration (Get-HybridConfiguration returned nothing), although the plan says hybrid. When you run the Hybrid Configuration Wizard, pick the new certificate; the connectors found below are re-pinned either way.'",
      '} else {',
      "    [void]$pending.Add(@('Hybrid configuration', 'Hybrid Configuration', ([string]$hybridConfiguration[0].TlsCertificateName)))",
      '}',
      'foreach ($connector in $sendConnectors) {',
      '    $value = [string]$connector.TlsCertificateName',
      '    if (($declaredSend -contains ([string]$connector.Name)) -or (Test-WizardSendConnector $connector) -or (Test-HybridPin $value)) {',
      "        [void]$pending.Add(@('Send connector', ([string]$connector.Name), $value))",
      '    }',
      '}',
      'foreach ($connector in $receiveConnectors) {',
      '    $value = [string]$connector.TlsCertificateName',
      '    if (($declaredReceive -contains ([string]$connector.Identity)) -or (Test-HybridPin $value)) {',
      "        [void]$pending.Add(@('Receive connector', ([string]$connector.Identity), $value))",
      '    }',
      '}',
      ...presentingServersLines(version),
      'foreach ($p in $pending) { Update-Pin $p[0] $p[1] $p[2] }',
      ...hybrid.edgeServers.map((e) => `Write-Warning ${psQuote(`${e.name} is an Edge Transport server: after its certificate changes, make a new Edge subscription (the edge-certificate and import-edge-subscription scripts of this plan) and run the Hybrid Configuration Wizard again; this script does not change it.`)}`),
      'if ($changed -eq 0) {',
      "    Write-Host 'Nothing re-pinned: every hybrid connector and the hybrid configuration already name the new certificate (same issuer and subject).'",
      '} else {',
      "    Write-Host ('Re-pinned ' + $changed + ' object(s) on ' + $newName + '. Run the hybrid verify script next: it checks which certificate STARTTLS presents.')",
      '}',
    ],
  };
}
