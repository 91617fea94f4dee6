/**
 * The Exchange Online side of hybrid mail flow, which the on-premises shell cannot change:
 * the inbound connector from the on-premises organisation checks the certificate the
 * on-premises servers present by name (`TlsSenderCertificateName`), and the outbound connector
 * to them checks the certificate they present by name (`TlsDomain`, with `TlsSettings`
 * DomainValidation). Renewals keep the names, so this changes something only when the new
 * certificate no longer carries the name those connectors expect. Runs in Exchange Online
 * PowerShell (Connect-ExchangeOnline), with the cmdlets and parameters of Microsoft's Exchange
 * Online reference (`EXCHANGE_ONLINE_CMDLETS`).
 */
import { ExchangePlan, PlannedHybrid } from '../model/types';
import { PsArg, arg } from './command';
import { psList, psQuote } from './quote';
import { ScriptDoc } from './script';
import { invokeExchangeStep } from './snippets';
import { invokeExchangeRead } from './hybrid-snippets';

/**
 * The Exchange Online cmdlets and parameters these scripts may use. Source: Microsoft's
 * Exchange Online PowerShell reference (MicrosoftDocs/office-docs-powershell,
 * exchange/exchange-ps/ExchangePowerShell/Set-InboundConnector.md, Set-OutboundConnector.md,
 * Get-InboundConnector.md, Get-OutboundConnector.md: "available only in the cloud-based service").
 */
export const EXCHANGE_ONLINE_CMDLETS: Readonly<Record<string, readonly string[]>> = {
  'Get-InboundConnector': ['Identity'],
  'Set-InboundConnector': ['Identity', 'TlsSenderCertificateName'],
  'Get-OutboundConnector': ['Identity'],
  'Set-OutboundConnector': ['Identity', 'TlsDomain'],
};

const COMMON = ['ErrorAction', 'ErrorVariable'];

/** `Cmdlet -A x ... -ErrorAction 'Stop'`, checked against `EXCHANGE_ONLINE_CMDLETS`. */
export function exoCommand(cmdlet: string, args: readonly PsArg[], errorVariable: string): string {
  const allowed = EXCHANGE_ONLINE_CMDLETS[cmdlet];
  if (!allowed) throw new Error(`${cmdlet} is not in the Exchange Online table`);
  const all = [...args, arg('ErrorAction', "'Stop'"), arg('ErrorVariable', psQuote(errorVariable))];
  for (const a of all) {
    if (!allowed.includes(a.name) && !COMMON.includes(a.name)) throw new Error(`${cmdlet} -${a.name} is not in the Exchange Online table`);
  }
  return [cmdlet, ...all.map((a) => (a.value === undefined ? `-${a.name}` : `-${a.name} ${a.value}`))].join(' ');
}

/**
 * Test-NameCovered: whether a name the connector expects is on the new certificate (a planned
 * name, or covered by a planned wildcard), or a wildcard the connector expects covers a planned
 * name (Set-InboundConnector reference, -TlsSenderCertificateName: "Wildcards are supported to
 * indicate a domain and all subdomains (for example, *.contoso.com)").
 */
function testNameCovered(): string[] {
  return [
    'function Test-NameCovered([string]$Value, [string[]]$Names) {',
    "    if ([string]::IsNullOrEmpty($Value)) { return $false }",
    '    $v = $Value.ToLowerInvariant()',
    '    foreach ($name in $Names) {',
    '        $n = $name.ToLowerInvariant()',
    '        if ($n -eq $v) { return $true }',
    "        if ($v.StartsWith('*.') -and (($n -eq $v.Substring(2)) -or $n.EndsWith($v.Substring(1)))) { return $true }",
    "        if ($n.StartsWith('*.') -and $v.Contains('.') -and ($v.Substring($v.IndexOf('.') + 1) -eq $n.Substring(2))) { return $true }",
    '    }',
    '    return $false',
    '}',
  ];
}

/** The name the Hybrid Configuration Wizard gives its connector in Exchange Online ('Inbound from <guid>', 'Outbound to <guid>'). */
function wizardPattern(kind: 'inbound' | 'outbound'): string {
  return `^${kind === 'inbound' ? 'Inbound from' : 'Outbound to'} [0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$`;
}

/**
 * Select-WizardConnector: without a connector named in the plan, only the wizard's connectors
 * are changed; any other OnPremises connector (another on-premises organisation, a relay) is
 * listed and left alone.
 */
function selectWizardConnector(): string[] {
  return [
    'function Select-WizardConnector($Connector, [string]$Pattern) {',
    '    if (([string]$Connector.Name) -match $Pattern) { return $true }',
    "    Write-Host ('Connector ''' + [string]$Connector.Identity + ''': not made by the Hybrid Configuration Wizard, so left alone (name it in the plan, hybrid.exchangeOnline, to have it checked).')",
    '    return $false',
    '}',
  ];
}

function connectorLines(kind: 'inbound' | 'outbound', declared: string | undefined): string[] {
  const noun = kind === 'inbound' ? 'InboundConnector' : 'OutboundConnector';
  const property = kind === 'inbound' ? 'TlsSenderCertificateName' : 'TlsDomain';
  const label = kind === 'inbound' ? 'Inbound connector' : 'Outbound connector';
  const read = declared
    ? `Invoke-ExchangeRead ${psQuote(`the ${kind} connector ${declared}`)} { ${exoCommand(`Get-${noun}`, [arg('Identity', psQuote(declared))], 'readErrors')} }`
    : `Invoke-ExchangeRead ${psQuote(`the ${kind} connectors`)} { ${exoCommand(`Get-${noun}`, [], 'readErrors')} } | Where-Object { ([string]$_.ConnectorType) -eq 'OnPremises' } | Where-Object { Select-WizardConnector $_ ${psQuote(wizardPattern(kind))} }`;
  const set = exoCommand(`Set-${noun}`, [arg('Identity', '$identity'), arg(property, '$wanted')], 'stepErrors');
  const check = `([string](${exoCommand(`Get-${noun}`, [arg('Identity', '$identity')], 'readErrors')}).${property}) -eq $wanted`;
  return [
    `$connectors = @(${read})`,
    'if ($connectors.Count -eq 0) {',
    `    throw ${psQuote(`No ${kind} connector of type OnPremises made by the Hybrid Configuration Wizard ('${kind === 'inbound' ? 'Inbound from' : 'Outbound to'} <guid>') in this tenant: run the wizard, or name the connector in the plan (hybrid.exchangeOnline.${kind}Connector).`)}`,
    '}',
    'foreach ($connector in $connectors) {',
    '    $identity = [string]$connector.Identity',
    `    $value = [string]$connector.${property}`,
    '    if ($value -eq \'\') {',
    `        Write-Host (${psQuote(`${label} '`)} + $identity + ''': ${kind === 'inbound' ? 'no TlsSenderCertificateName (it identifies the on-premises servers another way, such as by IP address)' : 'no TlsDomain'}, so no certificate name to check; nothing to change.')`,
    '        continue',
    '    }',
    ...(kind === 'outbound'
      ? [
          "    if (([string]$connector.TlsSettings) -ne 'DomainValidation') {",
          `        Write-Host (${psQuote(`${label} '`)} + $identity + ''': TlsSettings ' + [string]$connector.TlsSettings + ', so TlsDomain is not checked; nothing to change.')`,
          '        continue',
          '    }',
        ]
      : []),
    '    if (Test-NameCovered $value $plannedNames) {',
    `        Write-Host (${psQuote(`${label} '`)} + $identity + ''': ${property} ''' + $value + ''' is on the new certificate; nothing to change.')`,
    '        continue',
    '    }',
    `    Write-Host (${psQuote(`${label} '`)} + $identity + ''': ${property} before ''' + $value + ''', planned ''' + $wanted + '''.')`,
    `    Invoke-ExchangeStep ('Set-${noun} ' + $identity) { ${set} } { ${check} } | Out-Null`,
    `    Write-Host (${psQuote(`${label} '`)} + $identity + ''': ${property} set to ''' + $wanted + '''.')`,
    '}',
  ];
}

export function exchangeOnlineScript(plan: ExchangePlan, hybrid: PlannedHybrid): ScriptDoc {
  const eo = hybrid.exchangeOnline;
  const cert = plan.certificates.find((c) => c.id === hybrid.certificate.certificateId)!;
  return {
    slug: 'exchange-online-connectors',
    summary: `In Exchange Online PowerShell: the inbound connector's TlsSenderCertificateName and the outbound connector's TlsDomain name ${eo.certificateName} where they expect a name the new certificate lacks (${eo.atThisStep === 'noChange' ? 'nothing expected to change' : eo.atThisStep === 'change' ? 'a change expected' : 'run it to check'}).`,
    title: 'Exchange Online: the connectors with the on-premises organisation',
    server: plan.servers[0].name,
    exchangeShell: false,
    session: 'exchangeOnline',
    does: [
      `Reads the inbound connector${eo.inboundConnector ? ` '${eo.inboundConnector}'` : " of type OnPremises that the Hybrid Configuration Wizard made ('Inbound from <guid>')"} and the outbound connector${eo.outboundConnector ? ` '${eo.outboundConnector}'` : " of type OnPremises that it made ('Outbound to <guid>')"}; other OnPremises connectors (another organisation, a relay) are left alone.`,
      `Where TlsSenderCertificateName (inbound) or TlsDomain (outbound, with TlsSettings DomainValidation) is a name the new certificate does not carry (${cert.names.join(', ')}), sets it to ${eo.certificateName}; each change read back. A name the certificate carries (or a wildcard covering one) is left alone, and so is an empty value (a connector that identifies the servers by IP address, or checks no domain).`,
    ],
    needs: ['Exchange Online PowerShell (Install-Module ExchangeOnlineManagement; Connect-ExchangeOnline) as an Exchange Online administrator.', 'Run it after the on-premises servers present the new certificate (after the hybrid verify script passes): Exchange Online then expects the name they present.'],
    notes: ['At each renewal the certificate keeps its names, so this script changes nothing then; run it again only when the names change.'],
    rerun: 'safe: a connector that already expects a name on the certificate is left alone.',
    functions: [invokeExchangeStep(), invokeExchangeRead(), testNameCovered(), selectWizardConnector()],
    body: [
      `$plannedNames = @(${psList(cert.names)})`,
      `$wanted = ${psQuote(eo.certificateName)}`,
      '',
      ...connectorLines('inbound', eo.inboundConnector),
      '',
      ...connectorLines('outbound', eo.outboundConnector),
      "Write-Host 'The Exchange Online connectors expect a name the new certificate carries.'",
    ],
  };
}
