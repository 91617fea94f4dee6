/**
 * The hybrid check, run once per plan after the server verify scripts: which certificate
 * STARTTLS presents on each hybrid connector (by Exchange's documented selection: the pinned
 * issuer and subject on 2013 and later, the connector's FQDN on 2010), that every object
 * pinning the hybrid certificate names the new one, and the Exchange Auth certificate: its
 * expiry and whether every server holds it. Fails listing each problem with its fix.
 */
import { ExchangePlan, PlannedHybrid } from '../model/types';
import { authServersFunction } from './auth-servers';
import { arg } from './command';
import { exchangeRead, hybridCertificateLines, hybridConnectorReads, hybridServers, invokeExchangeRead, presentedCertificateFunction, tlsNameFunctions } from './hybrid-snippets';
import { psQuote } from './quote';
import { ScriptDoc } from './script';
import { getServiceList, testPlannedNames } from './snippets';
import { hybridPinFunction, oldPinLines, pinKeyFunction, wizardSendConnectorFunction } from './hybrid-discovery';
import { outsideServerFunction } from './hybrid-outside-server';
import { connectorFqdnFunction } from './hybrid-connector-fqdn';

/** Check-Pin: a pinned object must name the new certificate, and present it on its servers. */
function checkPin(repinScript: string): string[] {
  return [
    'function Test-Presented([string]$What, [string]$Server, [string]$TlsName, [string]$Fqdn) {',
    '    if (-not $hybridNewest.ContainsKey($Server)) {',
    "        if (-not ($hybridServers -contains $Server)) { Test-OutsideServer $What $Server $TlsName $Fqdn }",
    '        return',
    '    }',
    '    $presented = Get-PresentedCertificate $hybridHeld[$Server] $TlsName $Fqdn',
    '    $wanted = $hybridNewest[$Server]',
    '    if ($presented -eq $null) {',
    "        [void]$problems.Add($What + ' on ' + $Server + ': STARTTLS (inferred from Exchange''s selection rule) finds no valid SMTP certificate for ''' + $TlsName + $Fqdn + ''' (mail to and from Exchange Online queues with 454 4.7.5).')",
    '    } elseif ([string]$presented.Thumbprint -ne [string]$wanted.Thumbprint) {',
    "        [void]$problems.Add($What + ' on ' + $Server + ': STARTTLS presents (inferred from Exchange''s selection rule) ' + $presented.Thumbprint + ' (expires ' + $presented.NotAfter + '), not the new certificate ' + $wanted.Thumbprint + '.')",
    '    } else {',
    "        Write-Host ('OK    ' + $What + ' on ' + $Server + ': STARTTLS presents (inferred from Exchange''s selection rule) ' + $presented.Thumbprint + ' (expires ' + $presented.NotAfter + ')')",
    '    }',
    '}',
    '',
    'function Test-Pin([string]$What, [string]$Value, [string]$Fix) {',
    '    if ((Get-PinKey $Value) -ne (Get-PinKey $newName)) {',
    `        [void]$problems.Add($What + ' pins ''' + $Value + ''', not the new certificate ''' + $newName + '''. Fix: run ${repinScript.replace(/'/g, "''")}, or ' + $Fix)`,
    '        return $false',
    '    }',
    "    Write-Host ('OK    ' + $What + ' pins the new certificate')",
    '    return $true',
    '}',
  ];
}

function authLines(plan: ExchangePlan, hybrid: PlannedHybrid, rotationScript: string): string[] {
  const auth = hybrid.authCertificate;
  if (!auth) return [];
  const version = plan.exchangeVersion;
  return [
    '',
    '$authServers = Get-AuthServers',
    `$authConfig = @(${exchangeRead(version, "'the Auth configuration'", 'Get-AuthConfig', [])})`,
    "$authThumbprint = ''",
    'if ($authConfig.Count -gt 0) { $authThumbprint = [string]$authConfig[0].CurrentCertificateThumbprint }',
    "if ($authThumbprint -eq '') {",
    "    [void]$problems.Add('The Auth configuration names no current certificate (Get-AuthConfig): OAuth (hybrid free/busy, OWA and ECP with Exchange Online) fails. Fix: ' + " + psQuote(`run ${rotationScript} (it makes a new Auth certificate and sets it).`) + ')',
    '} else {',
    ...(auth.thumbprint
      ? [
          `    if ($authThumbprint -ne ${psQuote(auth.thumbprint)}) {`,
          `        Write-Warning ('The plan gives the Auth certificate ${auth.thumbprint}; the server uses ' + $authThumbprint + ' (the server is right: update hybrid.authCertificate in the plan).')`,
          '    }',
        ]
      : []),
    '    foreach ($server in $authServers) {',
    `        $held = @(${exchangeRead(version, "('the certificates of ' + $server)", 'Get-ExchangeCertificate', [arg('Server', '$server')])} | Where-Object { ([string]$_.Thumbprint) -eq $authThumbprint })`,
    '        if ($held.Count -eq 0) {',
    "            [void]$problems.Add($server + ' does not hold the Auth certificate ' + $authThumbprint + ': OAuth fails on that server. Fix: export it with its key from a server that has it and import it there, or publish it again with Set-AuthConfig -PublishCertificate.')",
    '            continue',
    '        }',
    "        Write-Host ('OK    Auth certificate ' + $authThumbprint + ' on ' + $server + ', expires ' + $held[0].NotAfter)",
    '        if ($held[0].NotAfter -lt [DateTime]::Now) {',
    "            [void]$problems.Add('The Auth certificate ' + $authThumbprint + ' expired on ' + $held[0].NotAfter + ' (' + $server + '): OWA, ECP and hybrid OAuth fail. Fix: ' + " + psQuote(`run ${rotationScript} now, then the Hybrid Configuration Wizard.`) + ')',
    `        } elseif ($held[0].NotAfter -lt [DateTime]::Now.AddDays(${auth.rotateDaysBeforeExpiry})) {`,
    "            Write-Warning ('The Auth certificate ' + $authThumbprint + ' expires on ' + $held[0].NotAfter + ': ' + " + psQuote(`run ${rotationScript} now (two runs at least ${auth.minimumHoursBetweenRuns} hours apart).`) + ')',
    '        }',
    '    }',
    '    $nextThumbprint = [string]$authConfig[0].NextCertificateThumbprint',
    "    if ($nextThumbprint -ne '') {",
    "        Write-Host ('      next Auth certificate ' + $nextThumbprint + ', effective ' + $authConfig[0].NextCertificateEffectiveDate)",
    '        $nextEffective = $authConfig[0].NextCertificateEffectiveDate',
    '        if (($nextEffective -ne $null) -and ([DateTime]$nextEffective -lt [DateTime]::Now.AddHours(-12))) {',
    "            Write-Warning ('The next Auth certificate ' + $nextThumbprint + ' became effective on ' + $nextEffective + ' but Exchange has not published it (its AuthAdmin servicelet does within about 12 hours): check the Microsoft Exchange Service Host service on every server, or ' + " + psQuote(`run ${rotationScript} (it publishes it).`) + ')',
    '        }',
    '    }',
    '}',
  ];
}

export function hybridVerifyScript(plan: ExchangePlan, hybrid: PlannedHybrid, names: { repinScript?: string; rotationScript?: string }): ScriptDoc {
  const version = plan.exchangeVersion;
  const first = plan.servers[0].name;
  const servers = hybridServers(plan, hybrid);
  const pinned = hybrid.selection === 'tlsCertificateName';
  const repin = names.repinScript ?? 'the hybrid re-pin script';
  const pinChecks = pinned
    ? [
        `$hybridConfiguration = @(${exchangeRead(version, "'the hybrid configuration'", 'Get-HybridConfiguration', [])})`,
        ...oldPinLines(),
        'if ($hybridConfiguration.Count -gt 0) {',
        "    [void](Test-Pin 'The hybrid configuration' ([string]$hybridConfiguration[0].TlsCertificateName) ('Set-HybridConfiguration -TlsCertificateName ''' + $newName + '''.'))",
        '}',
        'foreach ($connector in $sendConnectors) {',
        '    $value = [string]$connector.TlsCertificateName',
        '    if (($declaredSend -contains ([string]$connector.Name)) -or (Test-WizardSendConnector $connector) -or (Test-HybridPin $value)) {',
        "        $what = 'Send connector ''' + $connector.Name + ''''",
        "        if (Test-Pin $what $value ('Set-SendConnector -Identity ''' + $connector.Name + ''' -TlsCertificateName ''' + $newName + '''.')) {",
        '            foreach ($server in @($connector.SourceTransportServers | ForEach-Object { ([string]$_).Split(\'\\\')[0] })) { Test-Presented $what $server $value \'\' }',
        '        }',
        '    }',
        '}',
        'foreach ($connector in $receiveConnectors) {',
        '    $value = [string]$connector.TlsCertificateName',
        '    if (($declaredReceive -contains ([string]$connector.Identity)) -or (Test-HybridPin $value)) {',
        "        $what = 'Receive connector ''' + $connector.Identity + ''''",
        "        if (Test-Pin $what $value ('Set-ReceiveConnector -Identity ''' + $connector.Identity + ''' -TlsCertificateName ''' + $newName + '''.')) {",
        "            Test-Presented $what (([string]$connector.Identity).Split('\\')[0]) $value ''",
        '        }',
        '    }',
        '}',
      ]
    : [
        '# Exchange 2010 pins nothing: STARTTLS takes the newest valid SMTP certificate whose names cover the connector\'s FQDN.',
        'foreach ($connector in $sendConnectors) {',
        '    if (($declaredSend -contains ([string]$connector.Name)) -or (Test-WizardSendConnector $connector)) {',
        "        $what = 'Send connector ''' + $connector.Name + ''' (FQDN ' + $connector.Fqdn + ')'",
        "        foreach ($server in @($connector.SourceTransportServers | ForEach-Object { ([string]$_).Split('\\')[0] })) { Test-Presented $what $server '' (Resolve-ConnectorFqdn $server ([string]$connector.Fqdn)) }",
        '    }',
        '}',
        'foreach ($connector in $receiveConnectors) {',
        '    if ($declaredReceive -contains ([string]$connector.Identity)) {',
        "        $server = ([string]$connector.Identity).Split('\\')[0]",
        "        Test-Presented ('Receive connector ''' + $connector.Identity + '''') $server '' (Resolve-ConnectorFqdn $server ([string]$connector.Fqdn))",
        '    }',
        '}',
      ];
  return {
    slug: 'verify-hybrid',
    summary: `Checks the hybrid connectors (what STARTTLS presents, inferred from Exchange's selection rule, not a live connection; what they pin)${hybrid.authCertificate ? ' and the Exchange Auth certificate (expiry, every server)' : ''}; fails with the fix.`,
    title: 'verify the hybrid connectors and the Auth certificate',
    server: first,
    exchangeShell: true,
    does: [
      pinned
        ? "Lists which certificate STARTTLS presents on each hybrid Send and Receive connector, inferred from Exchange's documented selection rule (the valid SMTP certificate with the pinned issuer and subject), not observed on a live connection, and checks that the hybrid configuration and every connector pinning a certificate with the planned names pin the new one."
        : "Lists which certificate STARTTLS presents on each hybrid connector, inferred from Exchange's documented selection rule (Exchange 2010: the newest valid SMTP certificate whose names cover the connector's FQDN), not observed on a live connection, and checks it is the new one.",
      ...(hybrid.authCertificate ? ['Reads the Auth configuration (Get-AuthConfig): the current Auth certificate, its expiry, and whether every server holds it (Get-ExchangeServer: every Exchange 2013 or later server of the organisation that is not Edge Transport, not only the plan\'s); warns in its rotation window, fails when it is expired or missing.'] : []),
      'Fails (exit code 1) listing every problem with the command that fixes it.',
    ],
    needs: [`The new certificate is installed on ${servers.join(', ')}${pinned ? ` and ${repin} has run` : ''}.`],
    notes: pinned ? [] : [`Exchange 2010: at each renewal the connector's FQDN must be on the new certificate; once the new one is enabled for SMTP it is the newest and wins. Remove the old certificate after this check passes.`],
    rerun: 'it only reads; run it as often as you like.',
    functions: [testPlannedNames(), getServiceList(), invokeExchangeRead(), tlsNameFunctions(), presentedCertificateFunction(), pinKeyFunction(), wizardSendConnectorFunction(hybrid.discovery.wizardSendConnectorPrefix), ...(pinned ? [hybridPinFunction()] : []), outsideServerFunction(version), ...(pinned ? [] : [connectorFqdnFunction(plan)]), checkPin(repin), ...(hybrid.authCertificate ? [authServersFunction(version)] : [])],
    body: [
      '$problems = New-Object -TypeName System.Collections.ArrayList',
      ...hybridCertificateLines(plan, hybrid),
      'foreach ($server in $hybridServers) {',
      '    if (-not $hybridNewest.ContainsKey($server)) {',
      "        [void]$problems.Add('No valid certificate with the names ' + ($hybridNames -join ', ') + ' and its key on ' + $server + ': run the install scripts.')",
      '    }',
      '}',
      "$newName = ''",
      'if ($hybridNewest.ContainsKey($hybridServers[0])) { $newName = Get-TlsName $hybridNewest[$hybridServers[0]] }',
      ...hybridConnectorReads(version, hybrid),
      ...pinChecks,
      ...authLines(plan, hybrid, names.rotationScript ?? 'the Auth certificate rotation script'),
      '',
      'if ($problems.Count -gt 0) {',
      '    $problems | ForEach-Object { Write-Warning $_ }',
      "    throw ('The hybrid connectors or the Auth certificate differ from the plan in ' + $problems.Count + ' place(s); see the warnings above.')",
      '}',
      "Write-Host 'The hybrid connectors present the new certificate (inferred from Exchange''s selection rule; to observe it, connect to port 25 and run STARTTLS, for example: openssl s_client -connect <server>:25 -starttls smtp).'",
    ],
  };
}
