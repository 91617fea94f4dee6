# The simulated servers' state: one JSON file per server in a world folder, loaded into
# $global:SimWorld for one script run and saved after it. Certificates are kept as PEM
# (certificate, PKCS#8 key) and everything Exchange reports about them (subject, names,
# dates, status) is derived from the certificate itself, so a script cannot see a value
# the certificate does not carry.



function Get-SimServerNames { @($global:SimWorld.servers.Keys | Sort-Object) }

function Get-SimServer([string]$Name) {
    if ([string]::IsNullOrEmpty($Name)) { $Name = $global:SimWorld.local }
    $short = ($Name -split '\.')[0]
    foreach ($key in $global:SimWorld.servers.Keys) {
        if ($key -ieq $short) { return $global:SimWorld.servers[$key] }
    }
    return $null
}

function Get-SimNow { [DateTime]::UtcNow.AddDays([double]$global:SimWorld.clockOffsetDays) }

# A date as the script sees it: the simulated clock runs ahead of the real one by
# clockOffsetDays, so every date Exchange reports is moved back by that much (scripts
# compare with [DateTime]::Now, which the simulation cannot move).
function ConvertTo-SimShownDate([DateTime]$Utc) { $Utc.AddDays(-[double]$global:SimWorld.clockOffsetDays).ToLocalTime() }

function Read-SimWorld([string]$Dir, [string]$Local) {
    $servers = @{}
    foreach ($file in Get-ChildItem -LiteralPath $Dir -Filter '*.json') {
        if ($file.Name -eq 'world.json') { continue }
        $state = Get-Content -LiteralPath $file.FullName -Raw | ConvertFrom-Json -AsHashtable
        $servers[$state.name] = $state
    }
    $worldFile = Join-Path $Dir 'world.json'
    $world = @{ clockOffsetDays = 0; revoked = @(); ca = $null }
    if (Test-Path -LiteralPath $worldFile) { $world = Get-Content -LiteralPath $worldFile -Raw | ConvertFrom-Json -AsHashtable }
    $global:SimWorld = @{
        dir = $Dir; local = $Local; servers = $servers
        clockOffsetDays = [double]$world.clockOffsetDays
        revoked = @($world.revoked)
        ca = $world.ca
        # Organisation-wide objects (Send connectors, hybrid and Auth configuration) and the
        # Exchange Online tenant (sim-hybrid.ps1, sim-exo.ps1).
        org = $(if ($world.org) { $world.org } else { @{ sendConnectors = @{}; hybridConfiguration = $null; authConfig = $null } })
        exo = $world.exo
        calls = [System.Collections.Generic.List[object]]::new()
        counts = @{}
        faultsInjected = 0
    }
}

function Save-SimWorld {
    foreach ($state in $global:SimWorld.servers.Values) {
        $path = Join-Path $global:SimWorld.dir ($state.name + '.json')
        [System.IO.File]::WriteAllText($path, ($state | ConvertTo-Json -Depth 12))
    }
    $world = @{ clockOffsetDays = $global:SimWorld.clockOffsetDays; revoked = @($global:SimWorld.revoked); ca = $global:SimWorld.ca; org = $global:SimWorld.org; exo = $global:SimWorld.exo }
    [System.IO.File]::WriteAllText((Join-Path $global:SimWorld.dir 'world.json'), ($world | ConvertTo-Json -Depth 12))
}

# ---- certificates --------------------------------------------------------------------

function Get-SimCertificateRecord($Server, [string]$Thumbprint) {
    $t = $Thumbprint.Replace(' ', '').ToUpperInvariant()
    foreach ($r in $Server.certificates) { if ($r.thumbprint -eq $t) { return $r } }
    return $null
}

function ConvertFrom-SimPem([string]$Pem) {
    [System.Security.Cryptography.X509Certificates.X509Certificate2]::CreateFromPem($Pem)
}

function ConvertTo-SimPem([System.Security.Cryptography.X509Certificates.X509Certificate2]$Certificate) {
    $Certificate.ExportCertificatePem()
}

function Get-SimDnsNames([System.Security.Cryptography.X509Certificates.X509Certificate2]$Certificate) {
    $names = [System.Collections.Generic.List[string]]::new()
    foreach ($ext in $Certificate.Extensions) {
        if ($ext.Oid.Value -eq '2.5.29.17') {
            $san = [System.Security.Cryptography.X509Certificates.X509SubjectAlternativeNameExtension]::new($ext.RawData, $ext.Critical)
            foreach ($n in $san.EnumerateDnsNames()) { $names.Add($n) }
        }
    }
    if ($names.Count -eq 0) {
        $cn = $Certificate.GetNameInfo([System.Security.Cryptography.X509Certificates.X509NameType]::SimpleName, $false)
        if ($cn) { $names.Add($cn) }
    }
    return ,$names.ToArray()
}

# Status as Exchange reports it: PendingRequest, Revoked, DateInvalid (expired or not yet
# valid), Untrusted (no chain to a root in the server's Trusted Root store), else Valid.
function Get-SimCertificateStatus($Server, $Record) {
    if ($Record.pending) { return 'PendingRequest' }
    if ($global:SimWorld.revoked -contains $Record.thumbprint) { return 'Revoked' }
    $cert = ConvertFrom-SimPem $Record.certPem
    $now = Get-SimNow
    if ($cert.NotAfter.ToUniversalTime() -lt $now -or $cert.NotBefore.ToUniversalTime() -gt $now) { return 'DateInvalid' }
    if ($cert.Subject -eq $cert.Issuer) { return 'Valid' }   # Exchange's own self-signed certificates
    $chain = [System.Security.Cryptography.X509Certificates.X509Chain]::new()
    $chain.ChainPolicy.TrustMode = [System.Security.Cryptography.X509Certificates.X509ChainTrustMode]::CustomRootTrust
    $chain.ChainPolicy.RevocationMode = [System.Security.Cryptography.X509Certificates.X509RevocationMode]::NoCheck
    $chain.ChainPolicy.VerificationTime = $now.ToLocalTime()
    foreach ($pem in @($Server.stores.Root)) { [void]$chain.ChainPolicy.CustomTrustStore.Add((ConvertFrom-SimPem $pem)) }
    foreach ($pem in @($Server.stores.CA)) { [void]$chain.ChainPolicy.ExtraStore.Add((ConvertFrom-SimPem $pem)) }
    if ($chain.Build($cert)) { return 'Valid' }
    return 'Untrusted'
}

$global:SimServiceOrder = @('IMAP', 'POP', 'UM', 'IIS', 'SMTP', 'Federation', 'UMCallRouter')

function Format-SimServices($Services) {
    $list = @($global:SimServiceOrder | Where-Object { @($Services) -contains $_ })
    if ($list.Count -eq 0) { return 'None' }
    return ($list -join ', ')
}

# What Get-ExchangeCertificate returns for one stored record (live object; the cmdlet
# layer deserializes it for 2010 and later).
function ConvertTo-SimCertificateObject($Server, $Record) {
    $status = Get-SimCertificateStatus $Server $Record
    if ($Record.pending) {
        $subject = $Record.requestSubject
        $domains = @($Record.requestDomains)
        $issuer = $subject
        $notBefore = [DateTime]::Parse($Record.created).ToUniversalTime()
        $notAfter = $notBefore.AddYears(1)
        $selfSigned = $true
        $serial = ''
        $keySize = [int]$Record.keySize
    } else {
        $cert = ConvertFrom-SimPem $Record.certPem
        $subject = $cert.Subject
        $issuer = $cert.Issuer
        $domains = Get-SimDnsNames $cert
        $notBefore = $cert.NotBefore.ToUniversalTime()
        $notAfter = $cert.NotAfter.ToUniversalTime()
        $selfSigned = ($cert.Subject -eq $cert.Issuer)
        $serial = $cert.SerialNumber
        $keySize = $cert.PublicKey.GetRSAPublicKey().KeySize
    }
    $obj = [ordered]@{
        PSTypeName           = 'Microsoft.Exchange.Management.SystemConfigurationTasks.ExchangeCertificate'
        Identity             = $Server.name + '\' + $Record.thumbprint
        Thumbprint           = $Record.thumbprint
        FriendlyName         = [string]$Record.friendlyName
        Subject              = $subject
        Issuer               = $issuer
        CertificateDomains   = [string[]]@($domains)
        Services             = Format-SimServices $Record.services
        Status               = $status
        HasPrivateKey        = [bool]($null -ne $Record.keyPem)
        PrivateKeyExportable = [bool]$Record.exportable
        IsSelfSigned         = $selfSigned
        RootCAType           = $(if ($selfSigned) { 'None' } elseif ($status -eq 'Untrusted') { 'Unknown' } else { 'ThirdParty' })
        NotBefore            = ConvertTo-SimShownDate $notBefore
        NotAfter             = ConvertTo-SimShownDate $notAfter
        SerialNumber         = $serial
        PublicKeySize        = $keySize
    }
    return [pscustomobject]$obj
}

function New-SimSelfSigned([string]$Subject, [string[]]$Names, [int]$Years) {
    $rsa = [System.Security.Cryptography.RSA]::Create(2048)
    $req = [System.Security.Cryptography.X509Certificates.CertificateRequest]::new($Subject, $rsa, 'SHA256', [System.Security.Cryptography.RSASignaturePadding]::Pkcs1)
    if ($Names.Count -gt 0) {
        $san = [System.Security.Cryptography.X509Certificates.SubjectAlternativeNameBuilder]::new()
        foreach ($n in $Names) { $san.AddDnsName($n) }
        $req.CertificateExtensions.Add($san.Build($false))
    }
    $now = [DateTimeOffset](Get-SimNow)
    $cert = $req.CreateSelfSigned($now.AddDays(-1), $now.AddYears($Years))
    return @{ certPem = $cert.ExportCertificatePem(); keyPem = $rsa.ExportPkcs8PrivateKeyPem() }
}

function New-SimCertificateRecord([string]$CertPem, [string]$KeyPem, [string[]]$Services, [string]$FriendlyName, [bool]$Exportable) {
    $cert = ConvertFrom-SimPem $CertPem
    @{
        thumbprint = $cert.Thumbprint; certPem = $CertPem; keyPem = $(if ($KeyPem) { $KeyPem } else { $null })
        exportable = $Exportable; services = @($Services); friendlyName = $FriendlyName; pending = $false
        created = (Get-SimNow).ToString('o')
    }
}

# ---- a fresh install -------------------------------------------------------------------

# Windows Server version -> IIS major version.
$global:SimIisMajor = @{ '2003' = 6; '2008' = 7; '2008R2' = 7; '2012' = 8; '2012R2' = 8; '2016' = 10; '2019' = 10; '2022' = 10; '2025' = 10 }

function New-SimServerState([string]$Name, [string]$Fqdn, [string]$Version, [string]$Windows, [string]$IPv4) {
    $modern = $Version -ne '2007' -and $Version -ne '2010'
    $selfSigned = New-SimSelfSigned -Subject ('CN=' + $Name) -Names @($Name, $Fqdn) -Years 5
    $services = if ($Version -eq '2007' -or $Version -eq '2010') { @('IMAP', 'POP', 'UM', 'IIS', 'SMTP') } elseif ($Version -eq '2013' -or $Version -eq '2016') { @('IMAP', 'POP', 'IIS', 'SMTP') } else { @('IMAP', 'POP', 'IIS', 'SMTP') }
    if ($Version -eq '2007') { $services = @('IMAP', 'POP', 'UM', 'IIS', 'SMTP') }
    $certs = [System.Collections.Generic.List[object]]::new()
    $certs.Add((New-SimCertificateRecord $selfSigned.certPem $selfSigned.keyPem $services 'Microsoft Exchange' $false))
    if ($modern) {
        $auth = New-SimSelfSigned -Subject 'CN=Microsoft Exchange Server Auth Certificate' -Names @() -Years 5
        $certs.Add((New-SimCertificateRecord $auth.certPem $auth.keyPem @('SMTP') 'Microsoft Exchange Server Auth Certificate' $false))
    }
    $base = 'https://' + $Fqdn
    $vdirs = [ordered]@{}
    $add = { param($kind, $vname, $path) $vdirs[$vname + ' (Default Web Site)'] = @{ kind = $kind; name = $vname; website = 'Default Web Site'; internalUrl = $(if ($path) { $base + $path } else { $null }); externalUrl = $null; basicAuthentication = $true; windowsAuthentication = $true } }
    & $add 'Owa' 'owa' '/owa'
    & $add 'WebServices' 'EWS' '/EWS/Exchange.asmx'
    & $add 'Oab' 'OAB' '/OAB'
    & $add 'ActiveSync' 'Microsoft-Server-ActiveSync' '/Microsoft-Server-ActiveSync'
    & $add 'Autodiscover' 'Autodiscover' $null
    if ($Version -ne '2007') { & $add 'Ecp' 'ecp' '/ecp' }
    if ($modern) { & $add 'Mapi' 'mapi' '/mapi' }
    $outlookAnywhere = $null
    if ($modern) {
        $outlookAnywhere = @{
            identity = 'Rpc (Default Web Site)'; externalHostname = $null; internalHostname = $Fqdn
            externalClientAuthenticationMethod = 'Negotiate'; internalClientAuthenticationMethod = 'Ntlm'
            externalClientsRequireSsl = $false; internalClientsRequireSsl = $false
            sslOffloading = ($Version -eq '2013' -or $Version -eq '2016'); iisAuthenticationMethods = @('Basic', 'Ntlm', 'Negotiate')
        }
    }
    $connectors = [ordered]@{ ('Default ' + $Name) = @{ fqdn = $Fqdn; port = 25 } }
    if ($modern) {
        $connectors[('Client Proxy ' + $Name)] = @{ fqdn = $Fqdn; port = 465 }
        $connectors[('Default Frontend ' + $Name)] = @{ fqdn = $Fqdn; port = 25 }
        $connectors[('Outbound Proxy Frontend ' + $Name)] = @{ fqdn = $Fqdn; port = 717 }
        $connectors[('Client Frontend ' + $Name)] = @{ fqdn = $Fqdn; port = 587 }
    } else {
        $connectors[('Client ' + $Name)] = @{ fqdn = $Fqdn; port = 587 }
    }
    $iisMajor = $global:SimIisMajor[$Windows]
    $sslBindings = [ordered]@{ '0.0.0.0:443' = $certs[0].thumbprint }
    $serviceNames = if ($modern) { @('MSExchangePOP3', 'MSExchangePOP3BE', 'MSExchangeIMAP4', 'MSExchangeIMAP4BE') } else { @('MSExchangePOP3', 'MSExchangeIMAP4') }
    $winServices = [ordered]@{}
    foreach ($s in $serviceNames) { $winServices[$s] = @{ status = 'Stopped'; restarts = 0 } }
    @{
        name = $Name; fqdn = $Fqdn; version = $Version; windows = $Windows; iisMajor = $iisMajor; ipv4 = $IPv4
        webAdministration = ($iisMajor -ge 7 -and $Windows -ne '2008')
        certificates = $certs
        stores = @{ Root = @(); CA = @() }
        vdirs = $vdirs
        outlookAnywhere = $outlookAnywhere
        clientAccess = @{ autoDiscoverServiceInternalUri = $base + '/Autodiscover/Autodiscover.xml' }
        receiveConnectors = $connectors
        pop = @{ x509CertificateName = $Fqdn }
        imap = @{ x509CertificateName = $Fqdn }
        services = $winServices
        iis = @{
            sites = @(@{ id = 1; name = 'Default Web Site'; physicalPath = '%SystemDrive%\inetpub\wwwroot'; bindings = @('http/*:80:', 'https/*:443:') })
            sslBindings = $sslBindings
        }
    }
}
