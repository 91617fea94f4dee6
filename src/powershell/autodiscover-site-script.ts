/**
 * twoCertificates (the seed's Alternative 2): a second IIS web site on its own address
 * with the autodiscover certificate, and an Autodiscover virtual directory on it.
 * Exchange 2007 may run on Windows Server 2003 (IIS 6, no WebAdministration module) or
 * 2008 (IIS 7, appcmd); 2010 and later run on 2008 R2 or later (WebAdministration).
 */
import { ExchangeVersion } from '../exchange-version';
import { ExchangePlan, PlannedBinding, PlannedCertificate } from '../model/types';
import { arg, psCommand, psTool } from './command';
import { psList, psQuote } from './quote';
import { ScriptDoc } from './script';
import { getPlannedCertificate, getServiceList, getSingleCandidate, testPlannedNames } from './snippets';
import { versionTraits } from './version-table';

/** IIS's own application id, used for HTTP.sys SSL bindings made outside IIS Manager. */
const IIS_APP_ID = '{4dc3e181-e14b-4a21-b022-59fc669b0914}';

function webAdministrationLines(): string[] {
  return [
    'Import-Module -Name WebAdministration',
    "$sitePath = 'IIS:\\Sites\\' + $siteName",
    'if (Test-Path -LiteralPath $sitePath) {',
    "    Write-Host ('Web site ' + $siteName + ' already exists.')",
    '} else {',
    "    $physicalPath = [System.Environment]::ExpandEnvironmentVariables((Get-Item -LiteralPath 'IIS:\\Sites\\Default Web Site').physicalPath)",
    '    New-Website -Name $siteName -PhysicalPath $physicalPath -IPAddress $ipAddress -Port 443 -Ssl | Out-Null',
    "    Write-Host ('Created web site ' + $siteName + ' on ' + $ipAddress + ':443.')",
    '}',
    "$bindingPath = 'IIS:\\SslBindings\\' + $ipAddress + '!443'",
    'if ((Test-Path -LiteralPath $bindingPath) -and ((Get-Item -LiteralPath $bindingPath).Thumbprint -eq $thumbprint)) {',
    "    Write-Host ('The certificate is already bound to ' + $ipAddress + ':443.')",
    '} else {',
    '    if (Test-Path -LiteralPath $bindingPath) { Remove-Item -LiteralPath $bindingPath }',
    "    New-Item -Path $bindingPath -Value (Get-Item -LiteralPath ('Cert:\\LocalMachine\\My\\' + $thumbprint)) | Out-Null",
    "    Write-Host ('Bound certificate ' + $thumbprint + ' to ' + $ipAddress + ':443.')",
    '}',
  ];
}

function iis6or7Lines(version: ExchangeVersion): string[] {
  const appcmd = (args: string[]) => psTool(version, 'appcmd.exe', args);
  const netsh = (args: string[]) => psTool(version, 'netsh.exe', args);
  return [
    "$iisMajor = (Get-ItemProperty -LiteralPath 'HKLM:\\SOFTWARE\\Microsoft\\InetStp').MajorVersion",
    'if ($iisMajor -ge 7) {',
    "    $env:Path = $env:Path + ';' + $env:windir + '\\system32\\inetsrv'",
    `    $found = @(${appcmd(["'list'", "'site'", "('/name:' + $siteName)"])} 2>$null)`,
    '    if ($found.Count -gt 0) {',
    "        Write-Host ('Web site ' + $siteName + ' already exists.')",
    '    } else {',
    `        $physicalPath = [System.Environment]::ExpandEnvironmentVariables([string](${appcmd(["'list'", "'vdir'", "'Default Web Site/'", "'/text:physicalPath'"])}))`,
    `        ${appcmd(["'add'", "'site'", "('/name:' + $siteName)", "('/bindings:https/' + $ipAddress + ':443:')", "('/physicalPath:' + $physicalPath)"])} | Out-Null`,
    "        if ($LASTEXITCODE -ne 0) { throw ('appcmd could not create the web site ' + $siteName + '.') }",
    "        Write-Host ('Created web site ' + $siteName + ' on ' + $ipAddress + ':443.')",
    '    }',
    `    $shown = @(${netsh(["'http'", "'show'", "'sslcert'", "('ipport=' + $ipAddress + ':443')"])}) -join ' '`,
    "    if ($shown -match $thumbprint) {",
    "        Write-Host ('The certificate is already bound to ' + $ipAddress + ':443.')",
    '    } else {',
    `        ${netsh(["'http'", "'delete'", "'sslcert'", "('ipport=' + $ipAddress + ':443')"])} | Out-Null`,
    `        ${netsh(["'http'", "'add'", "'sslcert'", "('ipport=' + $ipAddress + ':443')", "('certhash=' + $thumbprint)", psQuote(`appid=${IIS_APP_ID}`)])} | Out-Null`,
    "        if ($LASTEXITCODE -ne 0) { throw ('netsh could not bind the certificate to ' + $ipAddress + ':443.') }",
    "        Write-Host ('Bound certificate ' + $thumbprint + ' to ' + $ipAddress + ':443.')",
    '    }',
    '} else {',
    "    $w3svc = [ADSI]'IIS://localhost/W3SVC'",
    "    $site = @($w3svc.psbase.Children | Where-Object { $_.SchemaClassName -eq 'IIsWebServer' -and ([string]$_.ServerComment) -eq $siteName })",
    '    if ($site.Count -eq 0) {',
    "        $physicalPath = $env:SystemDrive + '\\Inetpub\\wwwroot'",
    `        ${psTool(version, 'cscript.exe', ["($env:SystemRoot + '\\system32\\iisweb.vbs')", "'/create'", '$physicalPath', '$siteName', "'/i'", '$ipAddress'])} | Out-Null`,
    "        if ($LASTEXITCODE -ne 0) { throw ('iisweb.vbs could not create the web site ' + $siteName + '.') }",
    "        Write-Host ('Created web site ' + $siteName + ' on ' + $ipAddress + ' (IIS 6).')",
    '        $site = @($w3svc.psbase.Children | Where-Object { $_.SchemaClassName -eq \'IIsWebServer\' -and ([string]$_.ServerComment) -eq $siteName })',
    '    }',
    "    if (([string]$site[0].SecureBindings) -eq '') {",
    "        throw ('IIS 6 cannot bind a certificate from PowerShell. In IIS Manager open ' + $siteName + ' > Properties > Directory Security > Server Certificate, assign the existing certificate with thumbprint ' + $thumbprint + ', set the SSL port to 443 on ' + $ipAddress + ', then run this script again.')",
    '    }',
    "    Write-Host ('Web site ' + $siteName + ' has an SSL binding (' + [string]$site[0].SecureBindings + ').')",
    '}',
  ];
}

export function autodiscoverSiteScript(plan: ExchangePlan, cert: PlannedCertificate, binding: PlannedBinding): ScriptDoc {
  const version = plan.exchangeVersion;
  const server = binding.server;
  const iis = versionTraits(version).iis;
  const vdirName = `Autodiscover (${binding.webSite})`;
  return {
    slug: `create-autodiscover-site-${server.toLowerCase()}`,
    summary: `Creates the IIS web site ${binding.webSite} on ${binding.ipAddress ?? '(no address)'}:443 on ${server} with the ${cert.id} certificate and an Autodiscover virtual directory.`,
    title: `create the ${binding.webSite} web site with its own certificate and Autodiscover virtual directory`,
    server,
    exchangeShell: true,
    does: [
      `Creates the IIS web site '${binding.webSite}' on ${binding.ipAddress}:443, serving the same folder as the Default Web Site (as the seed article's Alternative 2 does).`,
      `Binds the certificate for ${cert.names.join(', ')} to ${binding.ipAddress}:443 (the one valid, unexpired certificate with exactly those names on this server).`,
      `Creates the Autodiscover virtual directory on it: New-AutodiscoverVirtualDirectory -WebSiteName '${binding.webSite}' -BasicAuthentication $true -WindowsAuthentication $true (the site name is case sensitive).`,
    ],
    needs: [
      `${binding.ipAddress} configured as a second address on ${server}'s network adapter; external DNS for ${cert.names[0]} points at the public address forwarded to it.`,
      `The ${cert.id} certificate installed on this server (complete or import script).`,
      iis === 'iis6or7'
        ? 'Exchange 2007 on Windows Server 2008 (IIS 7): appcmd and netsh are used. On Windows Server 2003 (IIS 6) the site is created with iisweb.vbs, and the certificate must be assigned once in IIS Manager (the script stops and says how), because IIS 6 has no scriptable SSL binding here.'
        : 'Windows Server 2008 R2 or later with the IIS WebAdministration module (installed with the Exchange prerequisites).',
    ],
    notes: [
      'The Autodiscover virtual directory of the Default Web Site stays; it does no harm.',
      ...(version.atLeast(ExchangeVersion.EXCHANGE_2013)
        ? [`On ${version.displayName} the Default Web Site is the front end; a second Autodiscover site is an unusual layout there and was not tested on a live server. A SAN certificate (sanCertificate) or an SRV record (srvRecord) is the simpler choice.`]
        : []),
    ],
    rerun: 'an existing site, binding or virtual directory is reported and left as it is; a binding to another certificate is replaced.',
    functions: [testPlannedNames(), getPlannedCertificate(version), getServiceList(), getSingleCandidate()],
    body: [
      `$names = @(${psList(cert.names)})`,
      `$siteName = ${psQuote(binding.webSite)}`,
      `$ipAddress = ${psQuote(binding.ipAddress ?? '')}`,
      '$thumbprint = (Get-SingleCandidate -Names $names -Services @()).Thumbprint',
      '',
      ...(iis === 'iis6or7' ? iis6or7Lines(version) : webAdministrationLines()),
      '',
      `$vdirs = @(${psCommand(version, 'Get-AutodiscoverVirtualDirectory', [arg('Identity', psQuote(`${server}\\${vdirName}`)), arg('ErrorAction', "'SilentlyContinue'")])})`,
      'if ($vdirs.Count -gt 0) {',
      `    Write-Host ${psQuote(`The virtual directory ${vdirName} already exists.`)}`,
      '} else {',
      `    ${psCommand(version, 'New-AutodiscoverVirtualDirectory', [arg('WebSiteName', psQuote(binding.webSite)), arg('BasicAuthentication', '$true'), arg('WindowsAuthentication', '$true')])} | Out-Null`,
      `    Write-Host ${psQuote(`Created the virtual directory ${vdirName}.`)}`,
      '}',
    ],
  };
}
