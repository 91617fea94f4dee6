# What each simulated Exchange cmdlet does to the server state. The functions generated
# from Microsoft's reference (sim-cmdlets.ps1) bind the parameters and call
# Invoke-SimCmdlet, which counts the call, injects a fault when one is due, runs the
# SimX-* implementation below and writes its output (deserialized for 2010 and later) or
# its failure (a non-terminating error, as Exchange writes it).

function New-SimErrorRecord([string]$Message, [string]$Cmdlet, [string]$Category, $Target) {
    $server = $global:SimWorld.local
    $id = '[Server=' + $server + ',RequestId=' + [guid]::NewGuid() + ',TimeStamp=' + [DateTime]::UtcNow.ToString('M/d/yyyy h:mm:ss tt') + '] [FailureCategory=Cmdlet-' + $Category + '] ' + ('{0:X8}' -f ($Message.GetHashCode() -band 0x7fffffff)) + ',Microsoft.Exchange.Management.' + ($Cmdlet -replace '-', '')
    $exception = [System.InvalidOperationException]::new($Message)
    [System.Management.Automation.ErrorRecord]::new($exception, $id, [System.Management.Automation.ErrorCategory]::NotSpecified, $Target)
}

function Stop-SimCmdlet([string]$Message, [string]$Category = 'ManagementObjectNotFoundException') {
    $ex = [System.InvalidOperationException]::new($Message)
    $ex.Data['SimCategory'] = $Category
    throw $ex
}

function Invoke-SimCmdlet([string]$Name, $Bound, $Cmdlet) {
    Set-StrictMode -Off
    # No preference is set in this scope: WriteError below must follow the caller's
    # -ErrorAction or, failing that, the preference this function sees (the module's
    # global one for 2010 and later, the script's own for the 2007 snap-in).
    $world = $global:SimWorld
    $n = 1 + [int]$world.counts[$Name]
    $world.counts[$Name] = $n
    $world.calls.Add(@{ cmdlet = $Name; n = $n; parameters = @($Bound.Keys | Sort-Object) })
    $global:SimTrace.Add('call ' + $Name + ' #' + $n)
    $fault = @($global:SimConfig.faults | Where-Object { $_.cmdlet -eq $Name -and [int]$_.nth -eq $n }) | Select-Object -First 1
    if ($fault) {
        $world.faultsInjected += 1
        $message = 'Active Directory operation failed on dc01. This error is not retriable. Additional information: The server is not operational. (fault injected at call ' + $n + ' of ' + $Name + ')'
        $record = New-SimErrorRecord $message $Name 'ADOperationException' $null
        if ($global:SimConfig.faultMode -eq 'pessimistic') {
            # Implicit remoting delivers some remote errors non-terminating whatever the call's
            # -ErrorAction says (DOMAIN.md section 8): the record bypasses this call's runtime.
            Write-Error -ErrorRecord $record -ErrorAction Continue
        } else {
            $Cmdlet.WriteError($record)
        }
        return
    }
    $implementation = 'SimX-' + $Name
    if (-not (Get-Command -Name $implementation -CommandType Function -ErrorAction SilentlyContinue)) {
        throw ('The simulation has no implementation of ' + $Name + '.')
    }
    try {
        $output = @(& { $ErrorActionPreference = 'Stop'; & $implementation $Bound })
    } catch {
        $category = 'InvalidOperationException'
        if ($_.Exception.Data.Contains('SimCategory')) { $category = $_.Exception.Data['SimCategory'] }
        $Cmdlet.WriteError((New-SimErrorRecord $_.Exception.Message $Name $category $null))
        return
    }
    foreach ($o in $output) {
        if ($global:SimConfig.deserialize -and $null -ne $o -and -not ($o -is [string])) {
            $o = [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($o, 2))
        }
        $Cmdlet.WriteObject($o)
    }
}

# ---- binding helpers ---------------------------------------------------------------------

# Exchange binds a services list given as 'IIS','SMTP', 'IIS,SMTP' or 'IIS, SMTP'.
function ConvertTo-SimServiceList($Value, [string]$Version) {
    $allowed = @{
        '2007' = @('None', 'IMAP', 'POP', 'UM', 'IIS', 'SMTP')
        '2010' = @('None', 'IMAP', 'POP', 'UM', 'IIS', 'SMTP', 'Federation')
        '2013' = @('None', 'IMAP', 'POP', 'UM', 'IIS', 'SMTP', 'Federation', 'UMCallRouter')
        '2016' = @('None', 'IMAP', 'POP', 'UM', 'IIS', 'SMTP', 'Federation', 'UMCallRouter')
        '2019' = @('None', 'IMAP', 'POP', 'IIS', 'SMTP', 'Federation')
        'SE'   = @('None', 'IMAP', 'POP', 'IIS', 'SMTP', 'Federation')
    }[$Version]
    $out = [System.Collections.Generic.List[string]]::new()
    foreach ($item in @($Value)) {
        foreach ($part in ([string]$item).Split(',')) {
            $s = $part.Trim()
            if ($s -eq '') { continue }
            $match = @($allowed | Where-Object { $_ -ieq $s })
            if ($match.Count -eq 0) {
                Stop-SimCmdlet ('Cannot process argument transformation on parameter ''Services''. Cannot convert value "' + $s + '" to type "Microsoft.Exchange.Management.SystemConfigurationTasks.AllowedServices". Error: "Unable to match the identifier name ' + $s + ' to a valid enumerator name. Specify one of the following enumerator names and try again: ' + ($allowed -join ', ') + '"') 'ParameterBindingException'
            }
            if ($match[0] -ne 'None' -and -not $out.Contains($match[0])) { $out.Add($match[0]) }
        }
    }
    return ,$out.ToArray()
}

function ConvertTo-SimUri($Value, [string]$Parameter) {
    if ($null -eq $Value -or [string]$Value -eq '') { return $null }
    $uri = $null
    if (-not [System.Uri]::TryCreate([string]$Value, [System.UriKind]::Absolute, [ref]$uri)) {
        Stop-SimCmdlet ('Cannot bind parameter ''' + $Parameter + '''. Cannot convert value "' + $Value + '" to type "System.Uri".') 'ParameterBindingException'
    }
    return $uri.AbsoluteUri
}

function Get-SimPlainPassword($Secure) {
    if ($null -eq $Secure) { return $null }
    if ($Secure -is [System.Security.SecureString]) { return [System.Net.NetworkCredential]::new('', $Secure).Password }
    Stop-SimCmdlet 'Cannot bind parameter ''Password'': a SecureString is required.' 'ParameterBindingException'
}

# -Server / -Identity 'SERVER\...' -> the state of that server.
function Resolve-SimServer($Bound) {
    $name = $global:SimWorld.local
    if ($Bound.ContainsKey('Server') -and $Bound.Server) { $name = [string]$Bound.Server }
    elseif ($Bound.ContainsKey('Identity') -and ([string]$Bound.Identity).Contains('\')) { $name = ([string]$Bound.Identity).Split('\')[0] }
    $server = Get-SimServer $name
    if ($null -eq $server) { Stop-SimCmdlet ('The specified server ''' + $name + ''' couldn''t be found. Active Directory has no Exchange server of that name.') 'ManagementObjectNotFoundException' }
    return $server
}


function Get-SimThumbprintArgument($Bound) {
    if ($Bound.ContainsKey('Thumbprint')) { return [string]$Bound.Thumbprint }
    if ($Bound.ContainsKey('Identity')) { $id = [string]$Bound.Identity; return $id.Substring($id.LastIndexOf('\') + 1) }
    return $null
}

function Assert-SimVersion([string[]]$Versions, [string]$What) {
    $version = (Get-SimServer $null).version
    if ($Versions -notcontains $version) { Stop-SimCmdlet ($What + ' is not available in Exchange ' + $version + '.') 'ParameterBindingException' }
}

# ---- certificates ------------------------------------------------------------------------

function SimX-Get-ExchangeCertificate($P) {
    $server = Resolve-SimServer $P
    $thumb = Get-SimThumbprintArgument $P
    if ($thumb) {
        $r = Get-SimCertificateRecord $server $thumb
        if ($null -eq $r) { Stop-SimCmdlet ('The certificate with thumbprint ' + $thumb + ' was not found.') }
        return (ConvertTo-SimCertificateObject $server $r)
    }
    foreach ($r in $server.certificates) {
        # Exchange 2007 does not list pending requests (the scripts do not rely on it).
        if ($r.pending -and $server.version -eq '2007') { continue }
        ConvertTo-SimCertificateObject $server $r
    }
}

function SimX-New-ExchangeCertificate($P) {
    $server = Resolve-SimServer $P
    if (-not $P.ContainsKey('GenerateRequest')) { return (New-SimSelfSignedExchangeCertificate $server $P) }
    $keySize = 2048
    if ($P.ContainsKey('KeySize')) { $keySize = [int]$P.KeySize }
    if (@(1024, 2048, 4096) -notcontains $keySize) {
        Stop-SimCmdlet ('Cannot validate argument on parameter ''KeySize''. The argument "' + $keySize + '" does not belong to the set "1024,2048,4096" specified by the ValidateSet attribute.') 'ParameterBindingValidationException'
    }
    $friendly = [string]$P.FriendlyName
    if ($friendly.Length -ge 64) { Stop-SimCmdlet 'The friendly name must be shorter than 64 characters.' 'ArgumentException' }
    $domains = @(foreach ($d in @($P.DomainName)) { ([string]$d).Split(',') | ForEach-Object { $_.Trim() } | Where-Object { $_ } })
    $subject = [string]$P.SubjectName
    if (-not $subject) {
        if ($domains.Count -eq 0) { Stop-SimCmdlet 'Specify -SubjectName or -DomainName.' 'ArgumentException' }
        $subject = 'CN=' + $domains[0]
    }
    try { $dn = [System.Security.Cryptography.X509Certificates.X500DistinguishedName]::new($subject) } catch { Stop-SimCmdlet ('The subject name ''' + $subject + ''' is not a valid X.500 distinguished name.') 'ArgumentException' }
    $rsa = [System.Security.Cryptography.RSA]::Create($keySize)
    $req = [System.Security.Cryptography.X509Certificates.CertificateRequest]::new($dn, $rsa, 'SHA256', [System.Security.Cryptography.RSASignaturePadding]::Pkcs1)
    if ($domains.Count -gt 0) {
        $san = [System.Security.Cryptography.X509Certificates.SubjectAlternativeNameBuilder]::new()
        foreach ($d in $domains) { $san.AddDnsName($d) }
        $req.CertificateExtensions.Add($san.Build($false))
    }
    $der = $req.CreateSigningRequest()
    $base64 = [System.Convert]::ToBase64String($der, [System.Base64FormattingOptions]::InsertLineBreaks)
    $text = "-----BEGIN NEW CERTIFICATE REQUEST-----`r`n" + $base64 + "`r`n-----END NEW CERTIFICATE REQUEST-----`r`n"
    $sha1 = [System.Security.Cryptography.SHA1]::Create()
    $thumb = ([System.BitConverter]::ToString($sha1.ComputeHash($der))).Replace('-', '')
    $exportable = $false
    if ($P.ContainsKey('PrivateKeyExportable')) { $exportable = [bool]$P.PrivateKeyExportable }
    $record = @{
        thumbprint = $thumb; certPem = $null; keyPem = $rsa.ExportPkcs8PrivateKeyPem(); exportable = $exportable
        services = @(); friendlyName = $friendly; pending = $true; requestSubject = $dn.Name; requestDomains = $domains
        keySize = $keySize; created = (Get-SimNow).ToString('o')
    }
    $server.certificates += , $record
    if ($P.ContainsKey('Path')) {
        $path = [string]$P.Path
        if ((Test-Path -LiteralPath $path) -and -not $P.ContainsKey('Force')) { Stop-SimCmdlet ('The file ' + $path + ' already exists. Use -Force to overwrite it.') 'IOException' }
        [System.IO.File]::WriteAllText($path, $text, [System.Text.Encoding]::Unicode)
        if ($server.version -eq '2007') { return (ConvertTo-SimCertificateObject $server $record) }
        return
    }
    if ($P.ContainsKey('RequestFile')) {
        [System.IO.File]::WriteAllText([string]$P.RequestFile, $text, [System.Text.Encoding]::Unicode)
        return
    }
    return $text
}

# A PKCS#12 with its key, or certificates (PEM, DER, PKCS#7) completing a pending request.
function SimX-Import-ExchangeCertificate($P) {
    $server = Resolve-SimServer $P
    if ($P.ContainsKey('FileData')) { $bytes = [byte[]]$P.FileData }
    elseif ($P.ContainsKey('Path')) { $bytes = [System.IO.File]::ReadAllBytes([string]$P.Path) }
    elseif ($P.ContainsKey('FileName')) { $bytes = [System.IO.File]::ReadAllBytes([string]$P.FileName) }
    else { Stop-SimCmdlet 'Specify -FileData or -Path.' 'ArgumentException' }
    $password = Get-SimPlainPassword $P.Password
    $isPfx = $false
    try { $isPfx = [System.Security.Cryptography.X509Certificates.X509Certificate2]::GetCertContentType($bytes) -eq 'Pkcs12' } catch { $isPfx = $false }
    $exportable = $false
    if ($P.ContainsKey('PrivateKeyExportable')) { $exportable = [bool]$P.PrivateKeyExportable }
    $imported = @()
    if ($isPfx) {
        if ($null -eq $password) { Stop-SimCmdlet 'The PFX file is protected with a password: specify -Password.' 'ArgumentException' }
        if (@('2003', '2008', '2008R2', '2012', '2012R2', '2016') -contains $server.windows -and (Test-SimModernPfx $bytes)) {
            # Windows Server 2016 and older cannot read AES-256/PBKDF2 PKCS#12 (OpenSSL 3's default).
            Stop-SimCmdlet 'ASN1 bad tag value met. The PFX file could not be read: the password you entered is incorrect or the file uses an encryption this Windows does not support.' 'CryptographicException'
        }
        $collection = [System.Security.Cryptography.X509Certificates.X509Certificate2Collection]::new()
        try { $collection.Import($bytes, $password, [System.Security.Cryptography.X509Certificates.X509KeyStorageFlags]::Exportable) }
        catch { Stop-SimCmdlet 'The password you entered is incorrect.' 'CryptographicException' }
        foreach ($c in $collection) {
            if ($c.HasPrivateKey) {
                if (Get-SimCertificateRecord $server $c.Thumbprint) { Stop-SimCmdlet ('The certificate with thumbprint ' + $c.Thumbprint + ' already exists in the certificate store.') 'ArgumentException' }
                $key = [System.Security.Cryptography.X509Certificates.RSACertificateExtensions]::GetRSAPrivateKey($c).ExportPkcs8PrivateKeyPem()
                $record = New-SimCertificateRecord (ConvertTo-SimPem $c) $key @() ([string]$P.FriendlyName) $exportable
                $server.certificates += , $record
                $imported += , $record
            } else {
                Add-SimStoreCertificate $server $c
            }
        }
    } else {
        $collection = [System.Security.Cryptography.X509Certificates.X509Certificate2Collection]::new()
        try {
            $text = [System.Text.Encoding]::ASCII.GetString($bytes)
            if ($text.Contains('-----BEGIN CERTIFICATE-----')) { $collection.ImportFromPem($text) } else { $collection.Import($bytes) }
        } catch { Stop-SimCmdlet ('Cannot import the certificate: the data is not a certificate, a PKCS#7 chain or a PKCS#12 file. ' + $_.Exception.Message) 'CryptographicException' }
        foreach ($c in $collection) {
            $pending = $null
            foreach ($r in $server.certificates) {
                if (-not $r.pending) { continue }
                $rsa = [System.Security.Cryptography.RSA]::Create()
                $rsa.ImportFromPem($r.keyPem)
                $mine = [System.Convert]::ToBase64String($rsa.ExportSubjectPublicKeyInfo())
                $theirs = [System.Convert]::ToBase64String($c.PublicKey.ExportSubjectPublicKeyInfo())
                if ($mine -eq $theirs) { $pending = $r; break }
            }
            if ($pending) {
                if (Get-SimCertificateRecord $server $c.Thumbprint) { Stop-SimCmdlet ('The certificate with thumbprint ' + $c.Thumbprint + ' already exists in the certificate store.') 'ArgumentException' }
                $record = New-SimCertificateRecord (ConvertTo-SimPem $c) $pending.keyPem @() $pending.friendlyName ([bool]$pending.exportable)
                $server.certificates = @($server.certificates | Where-Object { $_ -ne $pending }) + , $record
                $imported += , $record
            } elseif ($c.Subject -ne $c.Issuer -and (Test-SimIsEndEntity $c)) {
                if (Get-SimCertificateRecord $server $c.Thumbprint) { Stop-SimCmdlet ('The certificate with thumbprint ' + $c.Thumbprint + ' already exists in the certificate store.') 'ArgumentException' }
                $record = New-SimCertificateRecord (ConvertTo-SimPem $c) $null @() '' $false
                $server.certificates += , $record
                $imported += , $record
            } else {
                Add-SimStoreCertificate $server $c
            }
        }
    }
    if ($imported.Count -eq 0) { Stop-SimCmdlet 'The file contains no certificate for this server: no end-entity certificate and no pending request matches it.' 'ArgumentException' }
    foreach ($r in $imported) { ConvertTo-SimCertificateObject $server $r }
}

function Test-SimIsEndEntity([System.Security.Cryptography.X509Certificates.X509Certificate2]$Certificate) {
    foreach ($ext in $Certificate.Extensions) {
        if ($ext.Oid.Value -eq '2.5.29.19') {
            $bc = [System.Security.Cryptography.X509Certificates.X509BasicConstraintsExtension]::new($ext, $ext.Critical)
            return -not $bc.CertificateAuthority
        }
    }
    return $true
}

# PBES2 (1.2.840.113549.1.5.13) appears in a PKCS#12 that uses AES/PBKDF2.
function Test-SimModernPfx([byte[]]$Bytes) {
    $oid = [byte[]](0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x05, 0x0D)
    $hex = [System.BitConverter]::ToString($Bytes)
    return $hex.Contains([System.BitConverter]::ToString($oid))
}

function Add-SimStoreCertificate($Server, [System.Security.Cryptography.X509Certificates.X509Certificate2]$Certificate) {
    $store = if ($Certificate.Subject -eq $Certificate.Issuer) { 'Root' } else { 'CA' }
    # Exchange's import places chain certificates in Intermediate Certification Authorities;
    # a root is trusted only when it is added to the Trusted Root store.
    $store = 'CA'
    $pem = ConvertTo-SimPem $Certificate
    if (@($Server.stores[$store]) -notcontains $pem) { $Server.stores[$store] = @($Server.stores[$store]) + $pem }
}

function SimX-Enable-ExchangeCertificate($P) {
    $server = Resolve-SimServer $P
    $thumb = Get-SimThumbprintArgument $P
    $r = Get-SimCertificateRecord $server $thumb
    if ($null -eq $r) { Stop-SimCmdlet ('The certificate with thumbprint ' + $thumb + ' was not found.') }
    $services = ConvertTo-SimServiceList $P.Services $server.version
    if ($r.pending) { Stop-SimCmdlet ('The certificate with thumbprint ' + $thumb + ' is a pending request; complete it with Import-ExchangeCertificate first.') 'InvalidOperationException' }
    if ($null -eq $r.keyPem) { Stop-SimCmdlet ('The certificate with thumbprint ' + $thumb + ' has no private key, so it can''t be enabled for ' + ($services -join ', ') + '.') 'InvalidOperationException' }
    $status = Get-SimCertificateStatus $server $r
    if ($status -ne 'Valid') { Stop-SimCmdlet ('The certificate with thumbprint ' + $thumb + ' was found but is not valid for use with Exchange Server (reason: ' + $status + ').') 'InvalidOperationException' }
    if ($services -contains 'SMTP' -and -not $P.ContainsKey('Force')) {
        $answer = Read-SimPrompt ('Overwrite the existing default SMTP certificate? Current certificate: ''' + ($server.certificates[0].thumbprint) + ''' Replace it with certificate: ''' + $thumb + ''' [Y] Yes [A] Yes to All [N] No [L] No to All [?] Help (default is "Y")')
        if ($answer -notmatch '^[YyAa]?$') { $services = @($services | Where-Object { $_ -ne 'SMTP' }) }
    }
    # The default SMTP certificate (InternalTransportCertificateThumbprint) is replaced when SMTP is enabled with -Force or a 'yes'.
    if ($services -contains 'SMTP') { $server.internalTransportCertificate = $r.thumbprint }
    if ($services -contains 'IIS') {
        foreach ($other in $server.certificates) { if ($other -ne $r) { $other.services = @($other.services | Where-Object { $_ -ne 'IIS' }) } }
        $server.iis.sslBindings['0.0.0.0:443'] = $r.thumbprint
        if (-not $P.ContainsKey('DoNotRequireSsl')) { $server.requireSsl = $true }
    }
    foreach ($s in $services) { if (@($r.services) -notcontains $s) { $r.services = @($r.services) + $s } }
}

function Read-SimPrompt([string]$Text) {
    $global:SimTrace.Add('prompt ' + $Text)
    if ($global:SimConfig.prompts.Count -gt 0) { $a = $global:SimConfig.prompts[0]; $global:SimConfig.prompts.RemoveAt(0); return $a }
    return 'Y'
}

function SimX-Export-ExchangeCertificate($P) {
    $server = Resolve-SimServer $P
    $thumb = Get-SimThumbprintArgument $P
    $r = Get-SimCertificateRecord $server $thumb
    if ($null -eq $r) { Stop-SimCmdlet ('The certificate with thumbprint ' + $thumb + ' was not found.') }
    if ($null -eq $r.keyPem -or -not $r.exportable) {
        Stop-SimCmdlet 'The private key couldn''t be exported as PKCS-12. It either couldn''t be accessed or isn''t exportable.' 'InvalidOperationException'
    }
    $password = Get-SimPlainPassword $P.Password
    if ($null -eq $password) { Stop-SimCmdlet 'Specify -Password to export the private key.' 'ArgumentException' }
    $cert = [System.Security.Cryptography.X509Certificates.X509Certificate2]::CreateFromPem($r.certPem, $r.keyPem)
    $pbe = [System.Security.Cryptography.PbeParameters]::new([System.Security.Cryptography.PbeEncryptionAlgorithm]::TripleDes3KeyPkcs12, [System.Security.Cryptography.HashAlgorithmName]::SHA1, 2000)
    $bytes = $cert.ExportPkcs12($pbe, $password)
    if ($P.ContainsKey('Path')) {
        [System.IO.File]::WriteAllBytes([string]$P.Path, $bytes)
        return
    }
    [pscustomobject]@{ PSTypeName = 'Microsoft.Exchange.Management.SystemConfigurationTasks.BinaryFileDataObject'; FileData = $bytes }
}

function SimX-Remove-ExchangeCertificate($P) {
    $server = Resolve-SimServer $P
    $thumb = Get-SimThumbprintArgument $P
    $r = Get-SimCertificateRecord $server $thumb
    if ($null -eq $r) { Stop-SimCmdlet ('The certificate with thumbprint ' + $thumb + ' was not found.') }
    $server.certificates = @($server.certificates | Where-Object { $_ -ne $r })
}

# ---- virtual directories ---------------------------------------------------------------

function Get-SimVdirs($P, [string]$Kind) {
    $server = Resolve-SimServer $P
    $found = @()
    if ($P.ContainsKey('Identity') -and $P.Identity) {
        $id = [string]$P.Identity
        $key = $id.Substring($id.IndexOf('\') + 1)
        foreach ($k in @($server.vdirs.Keys)) { if ($k -ieq $key -and $server.vdirs[$k].kind -eq $Kind) { $found += , @{ server = $server; key = $k; vdir = $server.vdirs[$k] } } }
        if ($found.Count -eq 0) { Stop-SimCmdlet ('The operation couldn''t be performed because object ''' + $id + ''' couldn''t be found on ''dc01.' + ($server.fqdn -replace '^[^.]+\.', '') + '''.') }
    } else {
        foreach ($k in @($server.vdirs.Keys)) { if ($server.vdirs[$k].kind -eq $Kind) { $found += , @{ server = $server; key = $k; vdir = $server.vdirs[$k] } } }
    }
    return $found
}

function ConvertTo-SimVdirObject($Entry) {
    $v = $Entry.vdir
    [pscustomobject]@{
        PSTypeName = 'Microsoft.Exchange.Data.Directory.SystemConfiguration.ADVirtualDirectory'
        Identity = $Entry.server.name + '\' + $Entry.key; Name = $Entry.key; Server = $Entry.server.name
        InternalUrl = $(if ($v.internalUrl) { [uri]$v.internalUrl } else { $null })
        ExternalUrl = $(if ($v.externalUrl) { [uri]$v.externalUrl } else { $null })
        BasicAuthentication = [bool]$v.basicAuthentication; WindowsAuthentication = [bool]$v.windowsAuthentication
    }
}

function Get-SimVdirCmd($P, [string]$Kind) { foreach ($e in Get-SimVdirs $P $Kind) { ConvertTo-SimVdirObject $e } }

function Set-SimVdirCmd($P, [string]$Kind) {
    $entries = @(Get-SimVdirs $P $Kind)
    foreach ($e in $entries) {
        if ($P.ContainsKey('InternalUrl')) { $e.vdir.internalUrl = ConvertTo-SimUri $P.InternalUrl 'InternalUrl' }
        if ($P.ContainsKey('ExternalUrl')) { $e.vdir.externalUrl = ConvertTo-SimUri $P.ExternalUrl 'ExternalUrl' }
        if ($P.ContainsKey('BasicAuthentication')) { $e.vdir.basicAuthentication = [bool]$P.BasicAuthentication }
        if ($P.ContainsKey('WindowsAuthentication')) { $e.vdir.windowsAuthentication = [bool]$P.WindowsAuthentication }
    }
}

function SimX-Get-OwaVirtualDirectory($P) { Get-SimVdirCmd $P 'Owa' }
function SimX-Set-OwaVirtualDirectory($P) { Set-SimVdirCmd $P 'Owa' }
function SimX-Get-EcpVirtualDirectory($P) { Get-SimVdirCmd $P 'Ecp' }
function SimX-Set-EcpVirtualDirectory($P) { Set-SimVdirCmd $P 'Ecp' }
function SimX-Get-WebServicesVirtualDirectory($P) { Get-SimVdirCmd $P 'WebServices' }
function SimX-Set-WebServicesVirtualDirectory($P) { Set-SimVdirCmd $P 'WebServices' }
function SimX-Get-OabVirtualDirectory($P) { Get-SimVdirCmd $P 'Oab' }
function SimX-Set-OabVirtualDirectory($P) { Set-SimVdirCmd $P 'Oab' }
function SimX-Get-ActiveSyncVirtualDirectory($P) { Get-SimVdirCmd $P 'ActiveSync' }
function SimX-Set-ActiveSyncVirtualDirectory($P) { Set-SimVdirCmd $P 'ActiveSync' }
function SimX-Get-MapiVirtualDirectory($P) { Get-SimVdirCmd $P 'Mapi' }
function SimX-Set-MapiVirtualDirectory($P) { Set-SimVdirCmd $P 'Mapi' }
function SimX-Get-AutodiscoverVirtualDirectory($P) { Get-SimVdirCmd $P 'Autodiscover' }
function SimX-Set-AutodiscoverVirtualDirectory($P) { Set-SimVdirCmd $P 'Autodiscover' }

function SimX-New-AutodiscoverVirtualDirectory($P) {
    $server = Resolve-SimServer $P
    $site = 'Default Web Site'
    if ($P.ContainsKey('WebSiteName')) { $site = [string]$P.WebSiteName }
    if (@($server.iis.sites | Where-Object { $_.name -eq $site }).Count -eq 0) { Stop-SimCmdlet ('The Web site ''' + $site + ''' couldn''t be found on server ' + $server.name + '.') 'ManagementObjectNotFoundException' }
    if ($server.version -ne '2007' -and $server.version -ne '2010' -and -not $P.ContainsKey('Role')) {
        # 2013 and later have a front-end and a back-end virtual directory per site.
        Stop-SimCmdlet 'The Role parameter must be specified on this server: -Role ClientAccess for the front-end (Client Access services) virtual directory or -Role Mailbox for the back-end one.' 'ArgumentException'
    }
    if ($P.ContainsKey('Role') -and @('ClientAccess', 'Mailbox') -notcontains [string]$P.Role) {
        Stop-SimCmdlet ('Cannot process argument transformation on parameter ''Role''. Cannot convert value "' + $P.Role + '" to type "Microsoft.Exchange.Management.SystemConfigurationTasks.VirtualDirectoryRole". Specify one of the following enumerator names and try again: ClientAccess, Mailbox') 'ParameterBindingException'
    }
    $key = 'Autodiscover (' + $site + ')'
    if ($server.vdirs.Contains($key)) { Stop-SimCmdlet ('The virtual directory ''Autodiscover'' already exists under ''' + $server.fqdn + '/' + $site + '''.') 'InvalidOperationException' }
    $server.vdirs[$key] = @{
        kind = 'Autodiscover'; name = 'Autodiscover'; website = $site; internalUrl = $null; externalUrl = $null
        basicAuthentication = [bool]$P.BasicAuthentication; windowsAuthentication = [bool]$P.WindowsAuthentication
        role = $(if ($P.ContainsKey('Role')) { [string]$P.Role } else { $null })
    }
    ConvertTo-SimVdirObject @{ server = $server; key = $key; vdir = $server.vdirs[$key] }
}

# ---- Outlook Anywhere --------------------------------------------------------------------

function ConvertTo-SimOutlookAnywhereObject($Server) {
    $oa = $Server.outlookAnywhere
    [pscustomobject]@{
        PSTypeName = 'Microsoft.Exchange.Data.Directory.SystemConfiguration.ADRpcHttpVirtualDirectory'
        Identity = $Server.name + '\' + $oa.identity; Server = $Server.name
        ExternalHostname = $oa.externalHostname; InternalHostname = $oa.internalHostname
        ExternalClientAuthenticationMethod = $oa.externalClientAuthenticationMethod
        InternalClientAuthenticationMethod = $oa.internalClientAuthenticationMethod
        ClientAuthenticationMethod = $oa.externalClientAuthenticationMethod
        ExternalClientsRequireSsl = [bool]$oa.externalClientsRequireSsl; InternalClientsRequireSsl = [bool]$oa.internalClientsRequireSsl
        SSLOffloading = [bool]$oa.sslOffloading; IISAuthenticationMethods = [string[]]@($oa.iisAuthenticationMethods)
    }
}

function Get-SimOutlookAnywhereServer($P) {
    $server = Resolve-SimServer $P
    if ($null -eq $server.outlookAnywhere) {
        $id = if ($P.ContainsKey('Identity')) { [string]$P.Identity } else { $server.name + '\Rpc (Default Web Site)' }
        Stop-SimCmdlet ('The operation couldn''t be performed because object ''' + $id + ''' couldn''t be found on ''dc01''.')
    }
    if ($P.ContainsKey('Identity')) {
        $id = [string]$P.Identity
        if (($id.Substring($id.IndexOf('\') + 1)) -ine $server.outlookAnywhere.identity) { Stop-SimCmdlet ('The operation couldn''t be performed because object ''' + $id + ''' couldn''t be found on ''dc01''.') }
    }
    return $server
}

function SimX-Get-OutlookAnywhere($P) { ConvertTo-SimOutlookAnywhereObject (Get-SimOutlookAnywhereServer $P) }

function Set-SimOutlookAnywhereValues($Server, $P) {
    $oa = $Server.outlookAnywhere
    foreach ($pair in @(
            @('ExternalHostname', 'externalHostname'), @('InternalHostname', 'internalHostname'),
            @('ExternalClientAuthenticationMethod', 'externalClientAuthenticationMethod'), @('InternalClientAuthenticationMethod', 'internalClientAuthenticationMethod'),
            @('ExternalClientsRequireSsl', 'externalClientsRequireSsl'), @('InternalClientsRequireSsl', 'internalClientsRequireSsl'), @('SSLOffloading', 'sslOffloading'))) {
        if ($P.ContainsKey($pair[0])) { $v = $P[$pair[0]]; if ($v -is [bool]) { $oa[$pair[1]] = $v } else { $oa[$pair[1]] = [string]$v } }
    }
    foreach ($name in @('ClientAuthenticationMethod', 'DefaultAuthenticationMethod')) {
        if ($P.ContainsKey($name)) { $oa.externalClientAuthenticationMethod = [string]$P[$name]; $oa.internalClientAuthenticationMethod = [string]$P[$name] }
    }
    if ($P.ContainsKey('IISAuthenticationMethods')) { $oa.iisAuthenticationMethods = @($P.IISAuthenticationMethods | ForEach-Object { ([string]$_).Split(',') } | ForEach-Object { $_.Trim() }) }
}

function SimX-Set-OutlookAnywhere($P) {
    $server = Get-SimOutlookAnywhereServer $P
    Set-SimOutlookAnywhereValues $server $P
}

function SimX-Enable-OutlookAnywhere($P) {
    $server = Resolve-SimServer $P
    if ($null -ne $server.outlookAnywhere) { Stop-SimCmdlet ('Outlook Anywhere is already enabled on ' + $server.name + '.') 'InvalidOperationException' }
    $server.outlookAnywhere = @{
        identity = 'Rpc (Default Web Site)'; externalHostname = $null; internalHostname = $null
        externalClientAuthenticationMethod = 'Basic'; internalClientAuthenticationMethod = 'Ntlm'
        externalClientsRequireSsl = $true; internalClientsRequireSsl = $false; sslOffloading = $false; iisAuthenticationMethods = @('Basic')
    }
    Set-SimOutlookAnywhereValues $server $P
}

# ---- client access (SCP) -----------------------------------------------------------------

function Get-SimClientAccess($P) {
    $name = $global:SimWorld.local
    if ($P.ContainsKey('Identity') -and $P.Identity) { $name = [string]$P.Identity }
    $server = Get-SimServer $name
    if ($null -eq $server) { Stop-SimCmdlet ('The operation couldn''t be performed because object ''' + $name + ''' couldn''t be found on ''dc01''.') }
    return $server
}
function ConvertTo-SimClientAccessObject($Server) {
    [pscustomobject]@{ PSTypeName = 'Microsoft.Exchange.Data.Directory.Management.ClientAccessServer'; Identity = $Server.name; Name = $Server.name; Fqdn = $Server.fqdn; AutoDiscoverServiceInternalUri = $(if ($Server.clientAccess.autoDiscoverServiceInternalUri) { [uri]$Server.clientAccess.autoDiscoverServiceInternalUri } else { $null }) }
}
function SimX-Get-ClientAccessServer($P) { ConvertTo-SimClientAccessObject (Get-SimClientAccess $P) }
function SimX-Get-ClientAccessService($P) { ConvertTo-SimClientAccessObject (Get-SimClientAccess $P) }
function SimX-Set-ClientAccessServer($P) { $s = Get-SimClientAccess $P; if ($P.ContainsKey('AutoDiscoverServiceInternalUri')) { $s.clientAccess.autoDiscoverServiceInternalUri = ConvertTo-SimUri $P.AutoDiscoverServiceInternalUri 'AutoDiscoverServiceInternalUri' } }
function SimX-Set-ClientAccessService($P) { SimX-Set-ClientAccessServer $P }

# ---- transport and POP/IMAP ----------------------------------------------------------------

function Get-SimConnector($P) {
    $server = Resolve-SimServer $P
    $id = [string]$P.Identity
    $key = $id.Substring($id.IndexOf('\') + 1)
    foreach ($k in @($server.receiveConnectors.Keys)) { if ($k -ieq $key) { return @{ server = $server; key = $k; connector = $server.receiveConnectors[$k] } } }
    Stop-SimCmdlet ('The operation couldn''t be performed because object ''' + $id + ''' couldn''t be found on ''dc01''.')
}
function SimX-Get-ReceiveConnector($P) {
    if (-not $P.ContainsKey('Identity')) {
        $server = Resolve-SimServer $P
        foreach ($k in @($server.receiveConnectors.Keys)) { [pscustomobject]@{ Identity = $server.name + '\' + $k; Name = $k; Fqdn = $server.receiveConnectors[$k].fqdn; TlsCertificateName = $server.receiveConnectors[$k].tlsCertificateName } }
        return
    }
    $e = Get-SimConnector $P
    [pscustomobject]@{ PSTypeName = 'Microsoft.Exchange.Data.Directory.SystemConfiguration.ReceiveConnector'; Identity = $e.server.name + '\' + $e.key; Name = $e.key; Fqdn = $e.connector.fqdn; TlsCertificateName = $e.connector.tlsCertificateName }
}
function SimX-Set-ReceiveConnector($P) {
    $e = Get-SimConnector $P
    if ($P.ContainsKey('Fqdn')) { $e.connector.fqdn = [string]$P.Fqdn }
    if ($P.ContainsKey('TlsCertificateName')) { Assert-SimTlsCertificateNameVersion; $e.connector.tlsCertificateName = ConvertTo-SimTlsIdentifier $P.TlsCertificateName 'TlsCertificateName' }
}

function Get-SimProtocolObject($Server, [string]$Protocol) {
    [pscustomobject]@{ Server = $Server.name; X509CertificateName = $Server[$Protocol].x509CertificateName }
}
function SimX-Get-PopSettings($P) { Get-SimProtocolObject (Resolve-SimServer $P) 'pop' }
function SimX-Get-ImapSettings($P) { Get-SimProtocolObject (Resolve-SimServer $P) 'imap' }
function SimX-Set-PopSettings($P) { $s = Resolve-SimServer $P; if ($P.ContainsKey('X509CertificateName')) { $s.pop.x509CertificateName = [string]$P.X509CertificateName } }
function SimX-Set-ImapSettings($P) { $s = Resolve-SimServer $P; if ($P.ContainsKey('X509CertificateName')) { $s.imap.x509CertificateName = [string]$P.X509CertificateName } }

# The transport settings of a server: InternalTransportCertificateThumbprint is the default SMTP
# certificate (the self-signed one from setup until a certificate replaces it for SMTP).
function ConvertTo-SimTransportObject($P) {
    $name = $global:SimWorld.local
    if ($P.ContainsKey('Identity') -and $P.Identity) { $name = [string]$P.Identity }
    $server = Get-SimServer $name
    if ($null -eq $server) { Stop-SimCmdlet ('The operation couldn''t be performed because object ''' + $name + ''' couldn''t be found on ''dc01''.') }
    $thumb = $server.internalTransportCertificate
    if (-not $thumb) { $thumb = $server.certificates[0].thumbprint }
    [pscustomobject]@{ PSTypeName = 'Microsoft.Exchange.Data.Directory.SystemConfiguration.TransportServer'; Identity = $server.name; Name = $server.name; InternalTransportCertificateThumbprint = $thumb }
}
function SimX-Get-TransportService($P) { ConvertTo-SimTransportObject $P }
function SimX-Get-TransportServer($P) { ConvertTo-SimTransportObject $P }
