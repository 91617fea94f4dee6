# The hybrid pieces of the simulated organisation: Send connectors (organisation-wide), the
# hybrid configuration, the Auth configuration (OAuth certificate), which certificate a
# connector presents in STARTTLS, and the Hybrid Configuration Wizard's result as a test
# set-up (Invoke-SimHybridWizard). Organisation-wide objects live in world.json ('org');
# Receive connectors stay per server (sim-state.ps1). Sources: see README.md beside this folder.

# ---- TlsCertificateName ------------------------------------------------------------------

# SmtpX509Identifier: '<I>issuer<S>subject' (both X.500 names as Windows writes them).
function ConvertTo-SimTlsIdentifier($Value, [string]$Parameter) {
    if ($null -eq $Value -or [string]$Value -eq '') { return $null }
    $text = [string]$Value
    if ($text -notmatch '^<I>(.+)<S>(.+)$') {
        Stop-SimCmdlet ('Cannot bind parameter ''' + $Parameter + '''. Cannot convert value "' + $text + '" to type "Microsoft.Exchange.Data.SmtpX509Identifier". Error: "The value must have the form <I>issuer<S>subject."') 'ParameterBindingException'
    }
    return $text
}

function Get-SimTlsIdentifierOf($Record) {
    if ($Record.pending -or -not $Record.certPem) { return $null }
    $cert = ConvertFrom-SimPem $Record.certPem
    return '<I>' + $cert.Issuer + '<S>' + $cert.Subject
}

function Assert-SimTlsCertificateNameVersion {
    $version = (Get-SimServer $null).version
    if ($version -eq '2007' -or $version -eq '2010') {
        Stop-SimCmdlet ('A parameter cannot be found that matches parameter name ''TlsCertificateName''.') 'ParameterBindingException'
    }
}

# ---- STARTTLS: which certificate a connector presents ----------------------------------------

# The candidates for STARTTLS on a server: certificates with their key, Valid, enabled for SMTP.
function Get-SimSmtpCandidates($Server) {
    @($Server.certificates | Where-Object {
        $_.certPem -and $_.keyPem -and (@($_.services) -contains 'SMTP') -and ((Get-SimCertificateStatus $Server $_) -eq 'Valid')
    })
}

# Newest first (the latest NotBefore wins among equals).
function Select-SimNewest($Records) {
    @($Records | Sort-Object -Property @{ Expression = { (ConvertFrom-SimPem $_.certPem).NotBefore }; Descending = $true })[0]
}

function Test-SimCertificateHasName($Record, [string]$Fqdn) {
    foreach ($n in (Get-SimDnsNames (ConvertFrom-SimPem $Record.certPem))) {
        if ($n -ieq $Fqdn) { return $true }
        if ($n.StartsWith('*.') -and $Fqdn.Contains('.') -and ($Fqdn.Substring($Fqdn.IndexOf('.') + 1) -ieq $n.Substring(2))) { return $true }
    }
    return $false
}

# What a connector presents in STARTTLS on one server, as { offered, thumbprint, reason }.
#  - 2013 and later with TlsCertificateName: the Valid SMTP certificate with that issuer and
#    subject (the newest of several); none: nothing is presented (a Send connector queues
#    with '454 4.7.5 The certificate specified in TlsCertificateName of the SendConnector
#    could not be found.'; a Receive connector does not offer STARTTLS).
#  - Without TlsCertificateName, and always on 2010: chosen by the connector's FQDN among the
#    Valid SMTP certificates (the newest wins); none: the server's default (self-signed)
#    SMTP certificate.
function Get-SimStartTls($Server, [string]$TlsCertificateName, [string]$Fqdn, [string]$Kind) {
    $candidates = Get-SimSmtpCandidates $Server
    $modern = $Server.version -ne '2007' -and $Server.version -ne '2010'
    if ($modern -and $TlsCertificateName) {
        $match = @($candidates | Where-Object { (Get-SimTlsIdentifierOf $_) -eq $TlsCertificateName })
        if ($match.Count -eq 0) {
            $reason = if ($Kind -eq 'send') { '454 4.7.5 The certificate specified in TlsCertificateName of the SendConnector could not be found.' } else { 'STARTTLS not offered: no valid SMTP certificate matches TlsCertificateName ' + $TlsCertificateName + '.' }
            return @{ offered = $false; thumbprint = $null; reason = $reason }
        }
        return @{ offered = $true; thumbprint = (Select-SimNewest $match).thumbprint; reason = 'TlsCertificateName' }
    }
    $byName = @($candidates | Where-Object { Test-SimCertificateHasName $_ $Fqdn })
    if ($byName.Count -gt 0) { return @{ offered = $true; thumbprint = (Select-SimNewest $byName).thumbprint; reason = 'FQDN ' + $Fqdn } }
    $selfSigned = @($candidates | Where-Object { $c = ConvertFrom-SimPem $_.certPem; $c.Subject -eq $c.Issuer })
    if ($selfSigned.Count -gt 0) { return @{ offered = $true; thumbprint = (Select-SimNewest $selfSigned).thumbprint; reason = 'default SMTP certificate' } }
    return @{ offered = $false; thumbprint = $null; reason = 'no SMTP certificate' }
}

# The test's "connect": a Receive connector of a server, or a Send connector as seen from one
# of its source servers.
function Invoke-SimStartTls([string]$ServerName, [string]$Kind, [string]$Connector) {
    $server = Get-SimServer $ServerName
    if ($null -eq $server) { throw ('no server ' + $ServerName) }
    if ($Kind -eq 'receive') {
        $c = $server.receiveConnectors[$Connector]
        if ($null -eq $c) { throw ('no Receive connector ' + $Connector + ' on ' + $ServerName) }
        return (Get-SimStartTls $server ([string]$c.tlsCertificateName) ([string]$c.fqdn) 'receive')
    }
    $s = $global:SimWorld.org.sendConnectors[$Connector]
    if ($null -eq $s) { throw ('no Send connector ' + $Connector) }
    if (@($s.sourceTransportServers) -notcontains $server.name) { throw ($ServerName + ' is not a source server of ' + $Connector) }
    $fqdn = if ($s.fqdn) { [string]$s.fqdn } else { [string]$server.fqdn }
    return (Get-SimStartTls $server ([string]$s.tlsCertificateName) $fqdn 'send')
}

# ---- Send connectors ---------------------------------------------------------------------------

function Get-SimSendConnectorEntry([string]$Identity) {
    foreach ($k in @($global:SimWorld.org.sendConnectors.Keys)) { if ($k -ieq $Identity) { return @{ key = $k; connector = $global:SimWorld.org.sendConnectors[$k] } } }
    Stop-SimCmdlet ('The operation couldn''t be performed because object ''' + $Identity + ''' couldn''t be found on ''dc01''.')
}

function ConvertTo-SimSendConnectorObject([string]$Key, $C) {
    $modern = (Get-SimServer $null).version -ne '2010'
    $o = [ordered]@{
        PSTypeName = 'Microsoft.Exchange.Data.Directory.SystemConfiguration.SmtpSendConnectorConfig'
        Identity = $Key; Name = $Key
        AddressSpaces = [string[]]@($C.addressSpaces); SmartHosts = [string[]]@($C.smartHosts)
        SourceTransportServers = [string[]]@($C.sourceTransportServers)
        Fqdn = $C.fqdn; RequireTLS = [bool]$C.requireTLS; TlsAuthLevel = $C.tlsAuthLevel; TlsDomain = $C.tlsDomain; Enabled = $true
    }
    if ($modern) { $o.TlsCertificateName = $C.tlsCertificateName; $o.CloudServicesMailEnabled = [bool]$C.cloudServicesMailEnabled }
    [pscustomobject]$o
}

function SimX-Get-SendConnector($P) {
    if ($P.ContainsKey('Identity') -and $P.Identity) {
        $e = Get-SimSendConnectorEntry ([string]$P.Identity)
        return (ConvertTo-SimSendConnectorObject $e.key $e.connector)
    }
    foreach ($k in @($global:SimWorld.org.sendConnectors.Keys | Sort-Object)) { ConvertTo-SimSendConnectorObject $k $global:SimWorld.org.sendConnectors[$k] }
}

function SimX-Set-SendConnector($P) {
    $e = Get-SimSendConnectorEntry ([string]$P.Identity)
    $c = $e.connector
    if ($P.ContainsKey('TlsCertificateName')) { Assert-SimTlsCertificateNameVersion; $c.tlsCertificateName = ConvertTo-SimTlsIdentifier $P.TlsCertificateName 'TlsCertificateName' }
    if ($P.ContainsKey('Fqdn')) { $c.fqdn = [string]$P.Fqdn }
    if ($P.ContainsKey('RequireTLS')) { $c.requireTLS = [bool]$P.RequireTLS }
    if ($P.ContainsKey('TlsDomain')) { $c.tlsDomain = [string]$P.TlsDomain }
    if ($P.ContainsKey('TlsAuthLevel')) {
        if (@('EncryptionOnly', 'CertificateValidation', 'DomainValidation') -notcontains [string]$P.TlsAuthLevel) {
            Stop-SimCmdlet ('Cannot convert value "' + $P.TlsAuthLevel + '" to type "Microsoft.Exchange.Data.TlsAuthLevel". Specify one of the following enumerator names and try again: EncryptionOnly, CertificateValidation, DomainValidation') 'ParameterBindingException'
        }
        $c.tlsAuthLevel = [string]$P.TlsAuthLevel
    }
    if ($P.ContainsKey('CloudServicesMailEnabled')) { $c.cloudServicesMailEnabled = [bool]$P.CloudServicesMailEnabled }
    if ($P.ContainsKey('SourceTransportServers')) { $c.sourceTransportServers = @($P.SourceTransportServers | ForEach-Object { ([string]$_).Split(',') } | ForEach-Object { $_.Trim() } | Where-Object { $_ }) }
}

# ---- the hybrid configuration ---------------------------------------------------------------------

function SimX-Get-HybridConfiguration($P) {
    $h = $global:SimWorld.org.hybridConfiguration
    if ($null -eq $h) { return }
    $o = [ordered]@{
        PSTypeName = 'Microsoft.Exchange.Management.Hybrid.HybridConfiguration'
        Identity = 'Hybrid Configuration'; Name = 'Hybrid Configuration'
        Domains = [string[]]@($h.domains); Features = [string[]]@($h.features); OnPremisesSmartHost = $h.onPremisesSmartHost
        ReceivingTransportServers = [string[]]@($h.receivingTransportServers); SendingTransportServers = [string[]]@($h.sendingTransportServers)
        EdgeTransportServers = [string[]]@($h.edgeTransportServers)
    }
    if ((Get-SimServer $null).version -ne '2010') { $o.TlsCertificateName = $h.tlsCertificateName }
    [pscustomobject]$o
}

function SimX-Set-HybridConfiguration($P) {
    $h = $global:SimWorld.org.hybridConfiguration
    if ($null -eq $h) { Stop-SimCmdlet 'The Hybrid Configuration object couldn''t be found. Run the Hybrid Configuration Wizard first.' }
    if ($P.ContainsKey('TlsCertificateName')) { Assert-SimTlsCertificateNameVersion; $h.tlsCertificateName = ConvertTo-SimTlsIdentifier $P.TlsCertificateName 'TlsCertificateName' }
}

# ---- the Auth configuration ---------------------------------------------------------------------------

function ConvertFrom-SimShownDate($Value) {
    # A date the script passes is on the script's clock: move it onto the simulated one.
    $d = [DateTime]$Value
    if ($d.Kind -eq [DateTimeKind]::Unspecified) { $d = [DateTime]::SpecifyKind($d, [DateTimeKind]::Local) }
    return $d.ToUniversalTime().AddDays([double]$global:SimWorld.clockOffsetDays)
}

function Get-SimAuth {
    $a = $global:SimWorld.org.authConfig
    if ($null -eq $a) { Stop-SimCmdlet 'The Auth configuration couldn''t be found.' }
    Invoke-SimAuthAdminServicelet $a
    return $a
}

# The AuthAdmin servicelet (MSExchangeServiceHost) runs every 12 hours; once it finds
# NewCertificateEffectiveDate reached it publishes the next certificate as the current one
# (Microsoft, "Maintain (rotate) the Exchange Server Auth certificate"). Modelled at its
# latest: 12 hours after the effective date the rollover has happened (previous := current,
# current := next, next cleared; the previous one stays until -ClearPreviousCertificate).
# Between the effective date and then the next certificate is still only "next".
# authConfig.serviceHostStopped = $true: the servicelet never runs.
function Invoke-SimAuthAdminServicelet($A) {
    if (-not $A.next -or -not $A.nextEffective -or $A.serviceHostStopped) { return }
    $effective = [DateTime]::Parse($A.nextEffective).ToUniversalTime()
    if ((Get-SimNow) -lt $effective.AddHours(12)) { return }
    $holder = @($global:SimWorld.servers.Values | Where-Object { Get-SimCertificateRecord $_ ([string]$A.next) })
    if ($holder.Count -gt 0) { Copy-SimAuthCertificate ([string]$A.next) $holder[0] }
    $A.previous = $A.current
    $A.current = $A.next
    $A.next = $null
    $A.nextEffective = $null
}

# Get-ExchangeServer: every server of the organisation (the world's servers), with the
# version as AdminDisplayVersion shows it ('Version 15.2 (Build ...)', a ServerVersion that
# remoting delivers as that text) and the roles; a server whose state has role 'Edge' is an
# Edge Transport server (IsEdgeServer), outside Active Directory, so without a Site.
# (fix-edge's sim-edge.ps1 has one too, with the same Site rule: keep this one at the merge.)
function ConvertTo-SimExchangeServerObject($S) {
    $display = @{ '2007' = 'Version 8.3 (Build 83.6)'; '2010' = 'Version 14.3 (Build 123.4)'; '2013' = 'Version 15.0 (Build 1497.2)'; '2016' = 'Version 15.1 (Build 2507.6)'; '2019' = 'Version 15.2 (Build 1544.4)'; 'SE' = 'Version 15.2 (Build 2562.17)' }[[string]$S.version]
    $edge = ([string]$S.role) -eq 'Edge'
    $role = if ($edge) { 'Edge' } elseif ($S.version -eq '2013') { 'Mailbox, ClientAccess' } elseif ($S.version -eq '2007' -or $S.version -eq '2010') { 'Mailbox, ClientAccess, HubTransport' } else { 'Mailbox' }
    [pscustomobject]@{
        PSTypeName = 'Microsoft.Exchange.Data.Directory.Management.ExchangeServer'
        Identity = $S.name; Name = $S.name; Fqdn = $S.fqdn; AdminDisplayVersion = $display; ServerRole = $role; IsEdgeServer = $edge
        Site = $(if ($edge) { $null } elseif ($S.site) { [string]$S.site } else { 'contoso.com/Configuration/Sites/Default-First-Site-Name' })
    }
}

function SimX-Get-ExchangeServer($P) {
    if ($P.ContainsKey('Identity') -and $P.Identity) {
        $s = Get-SimServer ([string]$P.Identity)
        if ($null -eq $s) { Stop-SimCmdlet ('The operation couldn''t be performed because object ''' + $P.Identity + ''' couldn''t be found on ''dc01''.') }
        return (ConvertTo-SimExchangeServerObject $s)
    }
    foreach ($k in @($global:SimWorld.servers.Keys | Sort-Object)) { ConvertTo-SimExchangeServerObject $global:SimWorld.servers[$k] }
}

function SimX-Get-AuthConfig($P) {
    $a = Get-SimAuth
    [pscustomobject]@{
        PSTypeName = 'Microsoft.Exchange.Data.Directory.SystemConfiguration.AuthConfig'
        Identity = 'Auth Configuration'; Name = 'Auth Configuration'; ServiceName = '00000002-0000-0ff1-ce00-000000000000'
        CurrentCertificateThumbprint = [string]$a.current; PreviousCertificateThumbprint = [string]$a.previous
        NextCertificateThumbprint = [string]$a.next
        NextCertificateEffectiveDate = $(if ($a.nextEffective) { ConvertTo-SimShownDate ([DateTime]::Parse($a.nextEffective).ToUniversalTime()) } else { $null })
    }
}

# A certificate is deployed by copying its record (with its key) to every Exchange 2013+ server.
function Copy-SimAuthCertificate([string]$Thumbprint, $From) {
    $record = Get-SimCertificateRecord $From $Thumbprint
    foreach ($s in $global:SimWorld.servers.Values) {
        if ($s.version -eq '2007' -or $s.version -eq '2010') { continue }
        if (Get-SimCertificateRecord $s $Thumbprint) { continue }
        $copy = @{}
        foreach ($k in $record.Keys) { $copy[$k] = $record[$k] }
        $copy.services = @()
        $s.certificates += , $copy
    }
}

function SimX-Set-AuthConfig($P) {
    $a = Get-SimAuth
    $server = Resolve-SimServer $P
    if ($P.ContainsKey('NewCertificateThumbprint')) {
        $thumb = ([string]$P.NewCertificateThumbprint).Replace(' ', '').ToUpperInvariant()
        $r = Get-SimCertificateRecord $server $thumb
        if ($null -eq $r) { Stop-SimCmdlet ('The certificate with thumbprint ' + $thumb + ' was not found on server ' + $server.name + '.') }
        if ($null -eq $r.keyPem -or (Get-SimCertificateStatus $server $r) -ne 'Valid') { Stop-SimCmdlet ('The certificate with thumbprint ' + $thumb + ' is not valid for signing tokens (it must be valid and have its private key).') 'InvalidOperationException' }
        $effective = Get-SimNow
        if ($P.ContainsKey('NewCertificateEffectiveDate')) { $effective = ConvertFrom-SimShownDate $P.NewCertificateEffectiveDate }
        if ($effective -lt (Get-SimNow).AddHours(48) -and -not $P.ContainsKey('Force')) {
            $answer = Read-SimPrompt 'The configured new certificate effective date is not at least 48 hours in the future. The certificate may not be deployed to all servers before it becomes effective. Continue? [Y] Yes [N] No (default is "Y")'
            if ($answer -notmatch '^[Yy]?$') { return }
        }
        $a.next = $thumb
        $a.nextEffective = $effective.ToString('o')
        if (-not $P.ContainsKey('SkipImmediateCertificateDeployment')) { Copy-SimAuthCertificate $thumb $server }
        return
    }
    if ($P.ContainsKey('PublishCertificate')) {
        if (-not $a.next) { Stop-SimCmdlet 'No next certificate is configured: set one with -NewCertificateThumbprint first.' 'InvalidOperationException' }
        Copy-SimAuthCertificate $a.next $server
        $a.previous = $a.current
        $a.current = $a.next
        $a.next = $null
        $a.nextEffective = $null
    }
    if ($P.ContainsKey('ClearPreviousCertificate')) { $a.previous = $null }
}

# ---- the Hybrid Configuration Wizard, as a test set-up -------------------------------------------

# What the wizard leaves (Exchange 2013+): the certificate it was given pinned by issuer and
# subject on the Send connector 'Outbound to Office 365 - <guid>' (source servers: the
# sending servers), on 'Default Frontend <server>' of each receiving server and on the hybrid
# configuration; in Exchange Online the inbound connector (TlsSenderCertificateName: the
# certificate's subject name) and the outbound connector (TlsSettings DomainValidation,
# TlsDomain: the same name). The Auth certificate of the first server is the organisation's
# (setup copies it to the other servers); -AuthDaysLeft replaces it with one that expires then.
function Invoke-SimHybridWizard([string]$Thumbprint, [string[]]$Servers, [string]$Guid, [double]$AuthDaysLeft, [string]$Domain) {
    $first = Get-SimServer $Servers[0]
    $record = Get-SimCertificateRecord $first $Thumbprint
    if ($null -eq $record) { throw ('the wizard: no certificate ' + $Thumbprint + ' on ' + $first.name) }
    $identifier = Get-SimTlsIdentifierOf $record
    $cert = ConvertFrom-SimPem $record.certPem
    $name = $cert.GetNameInfo([System.Security.Cryptography.X509Certificates.X509NameType]::SimpleName, $false)
    $modern = $first.version -ne '2010'
    $sendName = 'Outbound to Office 365 - ' + $Guid
    $global:SimWorld.org.sendConnectors[$sendName] = @{
        addressSpaces = @('smtp:' + $Domain.Split('.')[0] + '.mail.onmicrosoft.com;1'); smartHosts = @(); sourceTransportServers = @($Servers)
        fqdn = $name; requireTLS = $true; tlsAuthLevel = 'DomainValidation'; tlsDomain = 'mail.protection.outlook.com'
        tlsCertificateName = $(if ($modern) { $identifier } else { $null }); cloudServicesMailEnabled = $modern
    }
    foreach ($s in $Servers) {
        $server = Get-SimServer $s
        $key = if ($modern) { 'Default Frontend ' + $server.name } else { 'Default ' + $server.name }
        if ($modern) { $server.receiveConnectors[$key].tlsCertificateName = $identifier }
    }
    $global:SimWorld.org.hybridConfiguration = @{
        domains = @($Domain); features = @('FreeBusy', 'MoveMailbox', 'Mailtips', 'MessageTracking', 'OwaRedirection', 'OnlineArchive', 'SecureMail', 'Photos')
        onPremisesSmartHost = $name; receivingTransportServers = @($Servers); sendingTransportServers = @($Servers); edgeTransportServers = @()
        tlsCertificateName = $(if ($modern) { $identifier } else { $null })
    }
    $tenant = $Domain.Split('.')[0]
    $global:SimWorld.exo = @{
        inboundConnectors = @{ ('Inbound from ' + $Guid) = @{ connectorType = 'OnPremises'; requireTls = $true; tlsSenderCertificateName = $name; cloudServicesMailEnabled = $true; senderDomains = @('*'); restrictDomainsToCertificate = $false } }
        outboundConnectors = @{ ('Outbound to ' + $Guid) = @{ connectorType = 'OnPremises'; tlsSettings = 'DomainValidation'; tlsDomain = $name; smartHosts = @($name); recipientDomains = @($Domain); cloudServicesMailEnabled = $true; useMxRecord = $false } }
        tenant = $tenant
    }
    if ($modern) {
        $authRecord = @($first.certificates | Where-Object { $_.friendlyName -eq 'Microsoft Exchange Server Auth Certificate' })[0]
        if ($AuthDaysLeft -gt 0) {
            # Valid from a year before the simulated now, expiring in AuthDaysLeft days.
            $rsa = [System.Security.Cryptography.RSA]::Create(2048)
            $req = [System.Security.Cryptography.X509Certificates.CertificateRequest]::new('CN=Microsoft Exchange Server Auth Certificate', $rsa, 'SHA256', [System.Security.Cryptography.RSASignaturePadding]::Pkcs1)
            $now = [DateTimeOffset](Get-SimNow)
            $c = $req.CreateSelfSigned($now.AddDays(-365), $now.AddDays($AuthDaysLeft))
            $made = @{ certPem = $c.ExportCertificatePem(); keyPem = $rsa.ExportPkcs8PrivateKeyPem() }
            $first.certificates = @($first.certificates | Where-Object { $_ -ne $authRecord })
            $authRecord = New-SimCertificateRecord $made.certPem $made.keyPem @('SMTP') 'Microsoft Exchange Server Auth Certificate' $false
            $first.certificates += , $authRecord
        }
        foreach ($s in $global:SimWorld.servers.Values) {
            if ($s -eq $first) { continue }
            $s.certificates = @($s.certificates | Where-Object { $_.friendlyName -ne 'Microsoft Exchange Server Auth Certificate' })
        }
        Copy-SimAuthCertificate $authRecord.thumbprint $first
        foreach ($s in $global:SimWorld.servers.Values) { $rec = Get-SimCertificateRecord $s $authRecord.thumbprint; $rec.services = @('SMTP') }
        $global:SimWorld.org.authConfig = @{ current = $authRecord.thumbprint; previous = $null; next = $null; nextEffective = $null }
    }
}

# New-ExchangeCertificate without -GenerateRequest: a self-signed certificate (how the Auth
# certificate is renewed). Microsoft's New-ExchangeCertificate reference (-Force): a
# self-signed certificate enabled for SMTP (no -Services, or -Services with SMTP) asks whether
# to replace the default SMTP certificate; -Force replaces it without asking.
function New-SimSelfSignedExchangeCertificate($Server, $P) {
    $keySize = 2048
    if ($P.ContainsKey('KeySize')) { $keySize = [int]$P.KeySize }
    if (@(1024, 2048, 4096) -notcontains $keySize) {
        Stop-SimCmdlet ('Cannot validate argument on parameter ''KeySize''. The argument "' + $keySize + '" does not belong to the set "1024,2048,4096" specified by the ValidateSet attribute.') 'ParameterBindingValidationException'
    }
    $domains = @(foreach ($d in @($P.DomainName)) { if ($null -ne $d) { ([string]$d).Split(',') | ForEach-Object { $_.Trim() } | Where-Object { $_ } } })
    $subject = [string]$P.SubjectName
    if (-not $subject) {
        if ($domains.Count -eq 0) { Stop-SimCmdlet 'Specify -SubjectName or -DomainName.' 'ArgumentException' }
        $subject = 'CN=' + $domains[0]
    }
    $services = @('IMAP', 'POP', 'SMTP')
    if ($P.ContainsKey('Services')) { $services = ConvertTo-SimServiceList $P.Services $Server.version }
    $dn = [System.Security.Cryptography.X509Certificates.X500DistinguishedName]::new($subject)
    $rsa = [System.Security.Cryptography.RSA]::Create($keySize)
    $req = [System.Security.Cryptography.X509Certificates.CertificateRequest]::new($dn, $rsa, 'SHA256', [System.Security.Cryptography.RSASignaturePadding]::Pkcs1)
    if ($domains.Count -gt 0) {
        $san = [System.Security.Cryptography.X509Certificates.SubjectAlternativeNameBuilder]::new()
        foreach ($d in $domains) { $san.AddDnsName($d) }
        $req.CertificateExtensions.Add($san.Build($false))
    }
    $now = [DateTimeOffset](Get-SimNow)
    $cert = $req.CreateSelfSigned($now.AddDays(-1), $now.AddYears(5))
    if ($services -contains 'SMTP' -and -not $P.ContainsKey('Force')) {
        $answer = Read-SimPrompt ('Overwrite the existing default SMTP certificate? Replace it with certificate: ''' + $cert.Thumbprint + ''' [Y] Yes [A] Yes to All [N] No [L] No to All [?] Help (default is "Y")')
        if ($answer -notmatch '^[YyAa]?$') { $services = @($services | Where-Object { $_ -ne 'SMTP' }) }
    }
    $exportable = $false
    if ($P.ContainsKey('PrivateKeyExportable')) { $exportable = [bool]$P.PrivateKeyExportable }
    $record = New-SimCertificateRecord $cert.ExportCertificatePem() $rsa.ExportPkcs8PrivateKeyPem() $services ([string]$P.FriendlyName) $exportable
    $Server.certificates += , $record
    # Enabled for SMTP (a yes, or -Force: "replaces the existing SMTP certificate without asking"): the new default SMTP certificate.
    if ($services -contains 'SMTP') { $Server.internalTransportCertificate = $record.thumbprint }
    return (ConvertTo-SimCertificateObject $Server $record)
}
