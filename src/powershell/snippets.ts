/**
 * PowerShell helper functions the scripts share. They take every plan value as a
 * parameter (never spliced in), are written for Windows PowerShell 2.0 (the shell of
 * Exchange 2007 and 2010: no member enumeration, no `-in`, no `$PSScriptRoot`), and work on
 * the deserialized objects of Exchange 2010+ remote sessions (values read through `[string]`).
 */
import { ExchangeVersion } from '../exchange-version';
import { PsArg, arg, psCommand } from './command';
import { acceptsParameter } from './version-table';

/** `-Server $env:COMPUTERNAME` where the cmdlet has -Server (2010 and later), so the local server is meant. */
export function onThisServer(version: ExchangeVersion, cmdlet: string): PsArg[] {
  return acceptsParameter(version, cmdlet, 'Server') ? [arg('Server', '$env:COMPUTERNAME')] : [];
}

/** `Get-ExchangeCertificate` of this server. */
export function getCertificates(version: ExchangeVersion, thumbprint?: string): string {
  return psCommand(version, 'Get-ExchangeCertificate', [...(thumbprint ? [arg('Thumbprint', thumbprint)] : []), ...onThisServer(version, 'Get-ExchangeCertificate')]);
}

/**
 * Test-PlannedNames: whether a certificate carries the planned names: every planned name, and
 * nothing else but the bare domain `d` of a planned wildcard `*.d` (CAs commonly add it, and
 * it is harmless: the plan says so). A missing name is never accepted.
 */
export function testPlannedNames(): string[] {
  return [
    'function Test-PlannedNames($Certificate, [string[]]$Names) {',
    '    if ($Certificate -eq $null) { return $false }',
    '    $actual = @($Certificate.CertificateDomains | ForEach-Object { ([string]$_).ToLowerInvariant() } | Sort-Object -Unique)',
    '    $wanted = @($Names | ForEach-Object { $_.ToLowerInvariant() } | Sort-Object -Unique)',
    '    foreach ($name in $wanted) { if ($actual -notcontains $name) { return $false } }',
    "    foreach ($name in $actual) { if (($wanted -notcontains $name) -and ($wanted -notcontains ('*.' + $name))) { return $false } }",
    '    return $true',
    '}',
  ];
}

/**
 * Invoke-ExchangeStep: the one way the scripts make a state-changing Exchange call. The call
 * (in `$Change`, with `-ErrorAction 'Stop' -ErrorVariable 'stepErrors'`) runs dot-sourced, so
 * `-ErrorVariable` fills this function's `$stepErrors`; then `$Check` reads the server back.
 * The step fails, naming itself, when the call throws, when it wrote an error that stayed
 * non-terminating (implicit remoting can deliver one whatever -ErrorAction says; DOMAIN.md
 * section 8), or when the server does not show the change. The success line comes after it,
 * from the caller, so a failed step never prints one. Returns what the call returned.
 */
export function invokeExchangeStep(): string[] {
  return [
    'function Invoke-ExchangeStep([string]$Step, [scriptblock]$Change, [scriptblock]$Check) {',
    '    $stepErrors = @()',
    '    try {',
    '        $output = . $Change',
    '    } catch {',
    "        throw ('FAILED: ' + $Step + ': ' + $_.Exception.Message)",
    '    }',
    '    if (@($stepErrors).Count -gt 0) {',
    "        throw ('FAILED: ' + $Step + ': ' + ((@($stepErrors) | ForEach-Object { [string]$_ }) -join ' '))",
    '    }',
    '    try {',
    '        $done = & $Check',
    '    } catch {',
    "        throw ('FAILED: ' + $Step + ': reading the result back failed: ' + $_.Exception.Message)",
    '    }',
    '    if (-not $done) {',
    "        throw ('FAILED: ' + $Step + ': Exchange reported no error, but the server does not show the change. Nothing after this step was done; see the errors above, fix the cause and run this script again.')",
    '    }',
    '    return $output',
    '}',
  ];
}

/**
 * Get-SettingText, Test-Settings, Show-Settings: compare an Exchange object's settings with the
 * planned values (a hashtable of property -> text; URLs compared without a trailing slash,
 * case-insensitively) and print what the server has before a change. `$Objects` is what a
 * Get- cmdlet returned (none, one or several: the first is meant).
 */
export function settingsFunctions(): string[] {
  return [
    'function Get-SettingText($Objects, [string]$Name) {',
    '    $all = @($Objects)',
    "    if ($all.Count -eq 0) { return '(not found)' }",
    '    $property = $all[0].PSObject.Properties[$Name]',
    "    if (($property -eq $null) -or ($property.Value -eq $null)) { return '' }",
    "    return ([string]$property.Value).TrimEnd('/')",
    '}',
    '',
    'function Test-Settings($Objects, [hashtable]$Wanted) {',
    '    if (@($Objects).Count -eq 0) { return $false }',
    '    foreach ($name in @($Wanted.Keys | Sort-Object)) {',
    "        if ((Get-SettingText $Objects $name) -ne ([string]$Wanted[$name]).TrimEnd('/')) { return $false }",
    '    }',
    '    return $true',
    '}',
    '',
    'function Show-Settings([string]$What, $Objects, [hashtable]$Wanted) {',
    '    foreach ($name in @($Wanted.Keys | Sort-Object)) {',
    "        Write-Host ($What + ' ' + $name + ': before ''' + (Get-SettingText $Objects $name) + ''', planned ''' + $Wanted[$name] + '''.')",
    '    }',
    '}',
  ];
}

/**
 * Get-PlannedCertificate: this server's certificates (or pending requests) with exactly the
 * planned names. Status is read through PSObject.Properties, so a certificate object without
 * that property (not found in the 2007 reference) counts as issued instead of stopping the
 * script under Set-StrictMode.
 */
export function getPlannedCertificate(version: ExchangeVersion): string[] {
  return [
    'function Get-PlannedCertificate([string[]]$Names, [switch]$Pending) {',
    `    $all = @(${getCertificates(version)})`,
    '    $all | Where-Object {',
    "        $status = $_.PSObject.Properties['Status']",
    "        $isPending = ($status -ne $null) -and (([string]$status.Value) -eq 'PendingRequest')",
    '        (Test-PlannedNames $_ $Names) -and ($isPending -eq [bool]$Pending)',
    '    }',
    '}',
  ];
}

/** Get-FileThumbprint: the thumbprint of the certificate for the planned CN in a .cer/.pem/.p7b file. */
export function getFileThumbprint(): string[] {
  return [
    'function Get-FileThumbprint([string]$File, [string]$CommonName) {',
    '    $collection = New-Object -TypeName System.Security.Cryptography.X509Certificates.X509Certificate2Collection',
    '    $collection.Import($File)',
    '    $leaf = @($collection | Where-Object { $_.GetNameInfo([System.Security.Cryptography.X509Certificates.X509NameType]::SimpleName, $false) -eq $CommonName })',
    '    if ($leaf.Count -ne 1) {',
    "        throw ('Expected exactly one certificate for ' + $CommonName + ' in ' + $File + ', found ' + $leaf.Count + '.')",
    '    }',
    '    return $leaf[0].Thumbprint',
    '}',
  ];
}

/**
 * Get-PfxThumbprint: the thumbprint of the certificate with the key in a PFX (the password
 * stays a SecureString). Opening a PFX loads its key into a key container; this reads it with
 * X509KeyStorageFlags 'UserKeySet' and without 'PersistKeySet', so the container is temporary
 * (in the admin's profile, never in the machine key store), and `Reset()` in `finally` deletes
 * it even when reading fails. Assumes .NET Framework 2.0 or later (the 2007/2010 shells): the
 * X509Certificate2(string, SecureString, X509KeyStorageFlags) constructor and Reset() exist
 * there; 'EphemeralKeySet', which would skip the container, needs .NET 4.7.2 and is not used.
 */
export function getPfxThumbprint(): string[] {
  return [
    'function Get-PfxThumbprint([string]$File, [System.Security.SecureString]$Password) {',
    "    $flags = [System.Security.Cryptography.X509Certificates.X509KeyStorageFlags]'UserKeySet'",
    '    $pfx = $null',
    '    try {',
    '        $pfx = New-Object -TypeName System.Security.Cryptography.X509Certificates.X509Certificate2 -ArgumentList $File, $Password, $flags',
    '        return $pfx.Thumbprint',
    '    } finally {',
    '        if ($pfx -ne $null) { $pfx.Reset() }',
    '    }',
    '}',
  ];
}

/** Get-ServiceList: the services a certificate is enabled for, as a list ('IIS, SMTP' -> 'IIS','SMTP'). */
export function getServiceList(): string[] {
  return [
    'function Get-ServiceList($Certificate) {',
    "    @(([string]$Certificate.Services).Split(',') | ForEach-Object { $_.Trim() } | Where-Object { $_ -ne '' -and $_ -ne 'None' })",
    '}',
  ];
}

/** Get-SingleCandidate: the one issued, unexpired certificate with the names (and services); refuses none or several. */
export function getSingleCandidate(): string[] {
  return [
    'function Get-SingleCandidate([string[]]$Names, [string[]]$Services) {',
    '    $candidates = @(Get-PlannedCertificate -Names $Names | Where-Object { $_.HasPrivateKey -and $_.NotAfter -gt [DateTime]::Now })',
    '    if ($Services.Count -gt 0) {',
    '        $candidates = @($candidates | Where-Object { $enabled = Get-ServiceList $_; @($Services | Where-Object { $enabled -notcontains $_ }).Count -eq 0 })',
    '    }',
    '    if ($candidates.Count -eq 0) {',
    "        throw ('No valid certificate with the names ' + ($Names -join ', ') + ' (and services ' + ($Services -join ', ') + ') on this server.')",
    '    }',
    '    if ($candidates.Count -gt 1) {',
    "        $list = ($candidates | ForEach-Object { $_.Thumbprint + ' (expires ' + $_.NotAfter + ')' }) -join '; '",
    "        throw ('More than one certificate matches the plan: ' + $list + '. Remove the superseded one with Remove-ExchangeCertificate -Thumbprint <thumbprint> once the new one is enabled, then run this script again.')",
    '    }',
    '    return $candidates[0]',
    '}',
  ];
}

/**
 * Get-NewestCandidate: of the issued, unexpired certificates with the names, the one that
 * expires last. After a renewal the old and the new certificate are both valid; the new one
 * is meant.
 */
export function getNewestCandidate(): string[] {
  return [
    'function Get-NewestCandidate([string[]]$Names) {',
    '    $candidates = @(Get-PlannedCertificate -Names $Names | Where-Object { $_.HasPrivateKey -and $_.NotAfter -gt [DateTime]::Now } | Sort-Object -Property NotAfter -Descending)',
    '    if ($candidates.Count -eq 0) {',
    "        throw ('No valid certificate with the names ' + ($Names -join ', ') + ' on this server.')",
    '    }',
    '    return $candidates[0]',
    '}',
  ];
}
