/**
 * twoCertificates (the seed's Alternative 2): a second IIS web site on its own address
 * with the autodiscover certificate, and an Autodiscover virtual directory on it.
 * Exchange 2007 may run on Windows Server 2003 (IIS 6, no WebAdministration module) or
 * 2008 (IIS 7, appcmd); 2010 on 2008 SP2 (IIS 7.0, appcmd) or 2008 R2 and later
 * (WebAdministration); 2013 and later on WebAdministration.
 */
import { ExchangeVersion } from '../exchange-version';
import { ExchangePlan, PlannedBinding, PlannedCertificate } from '../model/types';
import { PsArg, arg, flag, psCommand, psTool } from './command';
import { certificateFiles } from './issuer-notes';
import { psList, psQuote } from './quote';
import { ScriptDoc } from './script';
import { getCertificates, getFileThumbprint, getNewestCandidate, getPlannedCertificate, invokeExchangeStep, testPlannedNames } from './snippets';
import { exchangeStepLines } from './exchange-step';
import { acceptsParameter, versionTraits } from './version-table';

/**
 * From 2013 New-AutodiscoverVirtualDirectory takes -Role (ClientAccess: the front-end virtual directory that
 * clients reach; the back end is on port 444 of the 'Exchange Back End' site) and -Server; on
 * 2010 and 2007 the virtual directory is made on the local server without either.
 */
function roleAndServer(version: ExchangeVersion): PsArg[] {
  return acceptsParameter(version, 'New-AutodiscoverVirtualDirectory', 'Role') ? [arg('Role', "'ClientAccess'"), arg('Server', '$env:COMPUTERNAME')] : [];
}

/** IIS's own application id, used for HTTP.sys SSL bindings made outside IIS Manager. */
const IIS_APP_ID = '{4dc3e181-e14b-4a21-b022-59fc669b0914}';

function indent(lines: readonly string[]): string[] {
  return lines.map((l) => (l === '' ? l : `    ${l}`));
}

/**
 * `$thumbprint`: the certificate in the issued file when it is in the folder (the one just
 * completed or imported, also after a renewal), otherwise the valid certificate with the
 * names that expires last. Never "the only one": after a renewal the old and the new
 * certificate are both valid until the old one is removed.
 */
function thumbprintLines(version: ExchangeVersion, cert: PlannedCertificate): string[] {
  return [
    `$issuedFile = Join-Path -Path $here -ChildPath ${psQuote(certificateFiles(cert).issued)}`,
    'if (Test-Path -LiteralPath $issuedFile) {',
    '    $thumbprint = Get-FileThumbprint -File $issuedFile -CommonName $commonName',
    `    $installed = @(${getCertificates(version)} | Where-Object { $_.Thumbprint -eq $thumbprint })`,
    '    if (($installed.Count -eq 0) -or (-not $installed[0].HasPrivateKey) -or (-not (Test-PlannedNames $installed[0] $names))) {',
    "        throw ('The certificate in ' + $issuedFile + ' (' + $thumbprint + ') is not on this server with its private key and the planned names: run the complete or import script for it first.')",
    '    }',
    "    Write-Host ('Using certificate ' + $thumbprint + ' from ' + $issuedFile + '.')",
    '} else {',
    '    $thumbprint = (Get-NewestCandidate -Names $names).Thumbprint',
    "    Write-Host ('Using certificate ' + $thumbprint + ': of the valid certificates with these names, the one that expires last.')",
    '}',
  ];
}

/** The WebAdministration module (IIS 7.5 and later): the IIS: drive's Sites and SslBindings. */
function webAdministrationLines(version: ExchangeVersion): string[] {
  const cmd = (name: string, args: Parameters<typeof psCommand>[2]) => psCommand(version, name, args);
  return [
    cmd('Import-Module', [arg('Name', 'WebAdministration')]),
    "$sitePath = 'IIS:\\Sites\\' + $siteName",
    `if (${cmd('Test-Path', [arg('LiteralPath', '$sitePath')])}) {`,
    "    Write-Host ('Web site ' + $siteName + ' already exists.')",
    '} else {',
    `    $physicalPath = [System.Environment]::ExpandEnvironmentVariables((${cmd('Get-Item', [arg('LiteralPath', "'IIS:\\Sites\\Default Web Site'")])}).physicalPath)`,
    `    ${cmd('New-Website', [arg('Name', '$siteName'), arg('PhysicalPath', '$physicalPath'), arg('IPAddress', '$ipAddress'), arg('Port', '443'), flag('Ssl')])} | Out-Null`,
    "    Write-Host ('Created web site ' + $siteName + ' on ' + $ipAddress + ':443.')",
    '}',
    "$bindingPath = 'IIS:\\SslBindings\\' + $ipAddress + '!443'",
    "$bound = ''",
    `if (${cmd('Test-Path', [arg('LiteralPath', '$bindingPath')])}) { $bound = [string](${cmd('Get-Item', [arg('LiteralPath', '$bindingPath')])}).Thumbprint }`,
    'if ($bound -eq $thumbprint) {',
    "    Write-Host ('The certificate is already bound to ' + $ipAddress + ':443.')",
    '} else {',
    `    if ($bound -ne '') { ${cmd('Remove-Item', [arg('LiteralPath', '$bindingPath')])} }`,
    `    ${cmd('New-Item', [arg('Path', '$bindingPath'), arg('Value', `(${cmd('Get-Item', [arg('LiteralPath', "('Cert:\\LocalMachine\\My\\' + $thumbprint)")])})`)])} | Out-Null`,
    "    Write-Host ('Bound certificate ' + $thumbprint + ' to ' + $ipAddress + ':443 (it was ''' + $bound + ''').')",
    '}',
  ];
}

/**
 * IIS 7 and 7.5 without the module: appcmd for the site, netsh for the HTTP.sys binding.
 * Native programs are called without redirecting their error stream (under
 * $ErrorActionPreference 'Stop', Windows PowerShell can turn redirected stderr into a
 * terminating error) and judged by $LASTEXITCODE and exact output, because appcmd and netsh
 * print their errors to standard output.
 */
function appcmdLines(version: ExchangeVersion): string[] {
  const appcmd = (args: string[]) => psTool(version, 'appcmd.exe', args);
  const netsh = (args: string[]) => psTool(version, 'netsh.exe', args);
  const ipport = "('ipport=' + $ipAddress + ':443')";
  return [
    "$env:Path = $env:Path + ';' + $env:windir + '\\system32\\inetsrv'",
    `$listed = @(${appcmd(["'list'", "'site'", "('/name:' + $siteName)", "'/text:name'"])})`,
    '$listExit = $LASTEXITCODE',
    'if (($listExit -eq 0) -and (@($listed | Where-Object { ([string]$_).Trim() -ceq $siteName }).Count -gt 0)) {',
    "    Write-Host ('Web site ' + $siteName + ' already exists.')",
    '} else {',
    `    $defaultPath = @(${appcmd(["'list'", "'vdir'", "'Default Web Site/'", "'/text:physicalPath'"])})`,
    "    if (($LASTEXITCODE -ne 0) -or ($defaultPath.Count -ne 1)) { throw ('appcmd could not read the folder of the Default Web Site: ' + ($defaultPath -join ' ')) }",
    '    $physicalPath = [System.Environment]::ExpandEnvironmentVariables(([string]$defaultPath[0]).Trim())',
    `    $added = @(${appcmd(["'add'", "'site'", "('/name:' + $siteName)", "('/bindings:https/' + $ipAddress + ':443:')", "('/physicalPath:' + $physicalPath)"])})`,
    "    if ($LASTEXITCODE -ne 0) { throw ('appcmd could not create the web site ' + $siteName + ': ' + ($added -join ' ')) }",
    "    Write-Host ('Created web site ' + $siteName + ' on ' + $ipAddress + ':443.')",
    '}',
    // The certificate hash is the only 40-digit hex value netsh shows; its labels are localised.
    `$shown = @(${netsh(["'http'", "'show'", "'sslcert'", ipport])}) -join ' '`,
    "$bound = ''",
    "$hash = [regex]::Match($shown, '\\b[0-9a-fA-F]{40}\\b')",
    'if ($hash.Success) { $bound = $hash.Value }',
    'if ($bound -eq $thumbprint) {',
    "    Write-Host ('The certificate is already bound to ' + $ipAddress + ':443.')",
    '} else {',
    "    if ($bound -ne '') {",
    `        $deleted = @(${netsh(["'http'", "'delete'", "'sslcert'", ipport])})`,
    "        if ($LASTEXITCODE -ne 0) { throw ('netsh could not remove the binding of ' + $bound + ' from ' + $ipAddress + ':443: ' + ($deleted -join ' ')) }",
    '    }',
    `    $added = @(${netsh(["'http'", "'add'", "'sslcert'", ipport, "('certhash=' + $thumbprint)", psQuote(`appid=${IIS_APP_ID}`)])})`,
    "    if ($LASTEXITCODE -ne 0) { throw ('netsh could not bind the certificate to ' + $ipAddress + ':443: ' + ($added -join ' ')) }",
    "    Write-Host ('Bound certificate ' + $thumbprint + ' to ' + $ipAddress + ':443 (it was ''' + $bound + ''').')",
    '}',
  ];
}

/**
 * ConvertTo-HashText: the SSLCertHash of an IIS 6 site as the 40 hex digits of a thumbprint,
 * whatever form System.DirectoryServices hands it over in: a byte array, numbers, or text
 * (hex digits, in one string or in pieces). Text is taken as hex digits, never cast to a byte
 * (`[byte]'12'` is 12 decimal, and `[byte]'a1'` fails).
 */
export function convertToHashText(): string[] {
  return [
    'function ConvertTo-HashText($Value) {',
    "    if ($Value -eq $null) { return '' }",
    '    $parts = @($Value | ForEach-Object {',
    "        if ($_ -is [string]) { $_.Trim() } elseif ($_ -is [System.ValueType]) { ([int]$_).ToString('X2') } else { [string]$_ }",
    '    })',
    "    return (($parts -join '') -replace '[^0-9A-Fa-f]', '').ToUpperInvariant()",
    '}',
  ];
}

/**
 * IIS 6 (Windows Server 2003): iisweb.vbs creates the site; the SSL binding is the site's
 * metabase entry (SecureBindings '<ip>:443:', SSLCertHash and SSLStoreName 'MY'), which the
 * script reads and, when it is not the planned one, writes through ADSI
 * (System.DirectoryServices, as `[ADSI]'IIS://localhost/W3SVC'`) and reads back.
 */
function iis6Lines(version: ExchangeVersion): string[] {
  const findSite = "$site = @($w3svc.psbase.Children | Where-Object { $_.SchemaClassName -eq 'IIsWebServer' -and ([string]$_.ServerComment) -eq $siteName })";
  const readBinding = [
    "$secureBindings = @($site[0].psbase.Properties['SecureBindings'] | ForEach-Object { ([string]$_).Trim() })",
    "$bound = ConvertTo-HashText $site[0].psbase.Properties['SSLCertHash'].Value",
  ];
  return [
    "$w3svc = [ADSI]'IIS://localhost/W3SVC'",
    findSite,
    'if ($site.Count -eq 0) {',
    "    $physicalPath = $env:SystemDrive + '\\Inetpub\\wwwroot'",
    `    $created = @(${psTool(version, 'cscript.exe', ["($env:SystemRoot + '\\system32\\iisweb.vbs')", "'/create'", '$physicalPath', '$siteName', "'/i'", '$ipAddress'])})`,
    "    if ($LASTEXITCODE -ne 0) { throw ('iisweb.vbs could not create the web site ' + $siteName + ': ' + ($created -join ' ')) }",
    "    Write-Host ('Created web site ' + $siteName + ' on ' + $ipAddress + ' (IIS 6).')",
    `    ${findSite}`,
    "    if ($site.Count -eq 0) { throw ('The web site ' + $siteName + ' was not found after iisweb.vbs created it.') }",
    '}',
    ...readBinding,
    "if (($bound -eq $thumbprint) -and ($secureBindings -contains ($ipAddress + ':443:'))) {",
    "    Write-Host ('The certificate is already bound to ' + $ipAddress + ':443.')",
    '} else {',
    "    Write-Host ('Web site ' + $siteName + ' has SSL bindings ''' + ($secureBindings -join ', ') + ''' and certificate ''' + $bound + ''' (before).')",
    '    $hashBytes = New-Object -TypeName byte[] -ArgumentList ($thumbprint.Length / 2)',
    '    for ($i = 0; $i -lt $hashBytes.Length; $i++) { $hashBytes[$i] = [System.Convert]::ToByte($thumbprint.Substring(2 * $i, 2), 16) }',
    "    $site[0].psbase.Properties['SecureBindings'].Value = @($ipAddress + ':443:')",
    "    $site[0].psbase.Properties['SSLStoreName'].Value = 'MY'",
    "    $site[0].psbase.Properties['SSLCertHash'].Value = $hashBytes",
    '    $site[0].psbase.CommitChanges()',
    "    $w3svc = [ADSI]'IIS://localhost/W3SVC'",
    `    ${findSite}`,
    ...readBinding.map((l) => `    ${l}`),
    "    if (($bound -ne $thumbprint) -or ($secureBindings -notcontains ($ipAddress + ':443:'))) {",
    "        throw ('FAILED: binding certificate ' + $thumbprint + ' to ' + $siteName + ' on ' + $ipAddress + ':443: the metabase shows ''' + ($secureBindings -join ', ') + ''' and ''' + $bound + ''' after the change. Assign it in IIS Manager (' + $siteName + ' > Properties > Directory Security > Server Certificate) and run this script again.')",
    '    }',
    "    Write-Host ('Bound certificate ' + $thumbprint + ' to ' + $ipAddress + ':443 (IIS 6 metabase).')",
    '}',
  ];
}

/** The site and binding lines for the version, with the run-time choice where its Windows varies. */
function iisLines(version: ExchangeVersion): string[] {
  switch (versionTraits(version).iis) {
    case 'appcmdOrIis6':
      return [
        "$iisMajor = (Get-ItemProperty -LiteralPath 'HKLM:\\SOFTWARE\\Microsoft\\InetStp').MajorVersion",
        'if ($iisMajor -ge 7) {',
        ...indent(appcmdLines(version)),
        '} else {',
        ...indent(iis6Lines(version)),
        '}',
      ];
    case 'webAdministrationOrAppcmd':
      return [
        `if (@(${psCommand(version, 'Get-Module', [flag('ListAvailable'), arg('Name', 'WebAdministration')])}).Count -gt 0) {`,
        ...indent(webAdministrationLines(version)),
        '} else {',
        "    Write-Host 'No WebAdministration module (Windows Server 2008, IIS 7.0): using appcmd and netsh.'",
        ...indent(appcmdLines(version)),
        '}',
      ];
    case 'webAdministration':
      return webAdministrationLines(version);
  }
}

function iisNeeds(version: ExchangeVersion): string {
  switch (versionTraits(version).iis) {
    case 'appcmdOrIis6':
      return 'Exchange 2007 on Windows Server 2008 (IIS 7): appcmd and netsh are used. On Windows Server 2003 (IIS 6) the site is created with iisweb.vbs and the certificate bound in the IIS metabase through ADSI (SecureBindings, SSLCertHash, SSLStoreName), read back afterwards.';
    case 'webAdministrationOrAppcmd':
      return 'Windows Server 2008 R2 or later uses the IIS WebAdministration module; on Windows Server 2008 SP2 (IIS 7.0, no module) the script uses appcmd and netsh instead.';
    case 'webAdministration':
      return 'The IIS WebAdministration module (installed with the Exchange prerequisites).';
  }
}

export function autodiscoverSiteScript(plan: ExchangePlan, cert: PlannedCertificate, binding: PlannedBinding): ScriptDoc {
  const version = plan.exchangeVersion;
  const server = binding.server;
  const vdirName = `Autodiscover (${binding.webSite})`;
  const findVdir = psCommand(version, 'Get-AutodiscoverVirtualDirectory', [arg('Identity', psQuote(`${server}\\${vdirName}`)), arg('ErrorAction', "'SilentlyContinue'")]);
  return {
    slug: `create-autodiscover-site-${server.toLowerCase()}`,
    summary: `Creates the IIS web site ${binding.webSite} on ${binding.ipAddress ?? '(no address)'}:443 on ${server} with the ${cert.id} certificate and an Autodiscover virtual directory.`,
    title: `create the ${binding.webSite} web site with its own certificate and Autodiscover virtual directory`,
    server,
    exchangeShell: true,
    does: [
      `Creates the IIS web site '${binding.webSite}' on ${binding.ipAddress}:443, serving the same folder as the Default Web Site (as the seed article's Alternative 2 does).`,
      `Binds the certificate for ${cert.names.join(', ')} to ${binding.ipAddress}:443: the one in ${certificateFiles(cert).issued} when that file is in this folder, otherwise the valid certificate with exactly those names that expires last. A binding to another certificate (the previous one, after a renewal) is replaced.`,
      `Creates the Autodiscover virtual directory on it: New-AutodiscoverVirtualDirectory -WebSiteName '${binding.webSite}' -BasicAuthentication $true -WindowsAuthentication $true (the site name is case sensitive).`,
    ],
    needs: [
      `${binding.ipAddress} configured as a second address on ${server}'s network adapter; external DNS for ${cert.names[0]} points at the public address forwarded to it.`,
      `The ${cert.id} certificate installed on this server (complete or import script).`,
      iisNeeds(version),
    ],
    notes: [
      'The Autodiscover virtual directory of the Default Web Site stays; it does no harm.',
      ...(version.atLeast(ExchangeVersion.EXCHANGE_2013)
        ? [`On ${version.displayName} the Default Web Site is the front end; a second Autodiscover site is an unusual layout there and was not tested on a live server. A SAN certificate (sanCertificate) or an SRV record (srvRecord) is the simpler choice.`]
        : []),
    ],
    rerun: 'an existing site or virtual directory is reported and left as it is; the binding is replaced whenever it holds another certificate than the one chosen above (so run it again after every renewal).',
    functions: [
      testPlannedNames(),
      getPlannedCertificate(version),
      getFileThumbprint(),
      getNewestCandidate(),
      invokeExchangeStep(),
      ...(versionTraits(version).iis === 'appcmdOrIis6' ? [convertToHashText()] : []),
    ],
    body: [
      `$names = @(${psList(cert.names)})`,
      `$commonName = ${psQuote(cert.subject.commonName)}`,
      `$siteName = ${psQuote(binding.webSite)}`,
      `$ipAddress = ${psQuote(binding.ipAddress ?? '')}`,
      ...thumbprintLines(version, cert),
      '',
      ...iisLines(version),
      '',
      `$vdirs = @(${findVdir})`,
      'if ($vdirs.Count -gt 0) {',
      `    Write-Host ${psQuote(`The virtual directory ${vdirName} already exists.`)}`,
      '} else {',
      ...exchangeStepLines(version, {
        step: `New-AutodiscoverVirtualDirectory on ${binding.webSite}`,
        cmdlet: 'New-AutodiscoverVirtualDirectory',
        args: [...roleAndServer(version), arg('WebSiteName', psQuote(binding.webSite)), arg('BasicAuthentication', '$true'), arg('WindowsAuthentication', '$true')],
        check: `@(${findVdir}).Count -gt 0`,
        assign: 'null',
      }).map((l) => `    ${l}`),
      `    Write-Host ${psQuote(`Created the virtual directory ${vdirName}.`)}`,
      '}',
    ],
  };
}
