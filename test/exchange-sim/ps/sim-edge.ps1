# Edge Transport in the simulated organisation: Edge Subscriptions (issue 14, review must-fix 7).
# Sources (see README.md beside this folder, "Edge Transport"):
#  - Edge Subscriptions (learn.microsoft.com/exchange/architecture/edge-transport-servers/edge-subscriptions):
#    New-EdgeSubscription -FileName on the Edge Transport server writes the subscription file
#    (the Edge server's certificate, the bootstrap account, valid 1440 minutes); on a Mailbox
#    server New-EdgeSubscription -FileData -Site imports it for that Active Directory site;
#    a certificate change on the Edge server needs a new subscription.
#  - New-EdgeSubscription, Get-EdgeSubscription, Start-EdgeSynchronization, Get-ExchangeServer
#    (learn.microsoft.com/powershell/module/exchangepowershell/...): parameters as in the
#    reference file; Start-EdgeSynchronization returns one result per subscribed Edge server.
# An Edge Transport server is a server whose state has role 'Edge' (the tests set it); the
# subscriptions are organisation-wide (world.json 'org.edgeSubscriptions').

$SimEdgeSite = 'contoso.com/Configuration/Sites/Default-First-Site-Name'

function Test-SimEdgeServer($Server) { return ([string]$Server.role) -eq 'Edge' }

function Get-SimSiteOf($Server) {
    if ($Server.site) { return [string]$Server.site }
    return $SimEdgeSite
}

# Get-ExchangeServer is in sim-hybrid.ps1 (one definition: AdminDisplayVersion as Exchange prints it,
# the role, and the site, none for an Edge server).

# The default SMTP certificate of a server: what it presents and what its subscription carries.
function Get-SimDefaultSmtpRecord($Server) {
    if ($Server.internalTransportCertificate) {
        $r = Get-SimCertificateRecord $Server ([string]$Server.internalTransportCertificate)
        if ($r) { return $r }
    }
    return $Server.certificates[0]
}

function SimX-New-EdgeSubscription($P) {
    $local = Get-SimServer $null
    if ($P.ContainsKey('FileName') -and $P.FileName) {
        if (-not (Test-SimEdgeServer $local)) {
            Stop-SimCmdlet ('New-EdgeSubscription -FileName runs on an Edge Transport server; ' + $local.name + ' is not one.') 'InvalidOperationException'
        }
        if ($local.edgeSubscribed -and -not $P.ContainsKey('Force')) {
            # The cmdlet asks to confirm deleting the configuration EdgeSync replaced; a script cannot answer it.
            $answer = Read-SimPrompt 'Creating an Edge Subscription makes the configuration of this Edge Transport server manageable through EdgeSync. Any of the following types of objects that were created manually will be deleted: accepted domains, message classifications, remote domains, and Send connectors. [Y] Yes [A] Yes to All [N] No [L] No to All [?] Help (default is "Y")'
            if ($answer -notmatch '^[YyAa]?$') { return }
        }
        $record = Get-SimDefaultSmtpRecord $local
        $blob = ([string]$record.certPem -replace '-----(BEGIN|END) CERTIFICATE-----', '' -replace '\s', '')
        $expiry = (Get-SimNow).AddMinutes(1440).ToString('o')
        $xml = '<?xml version="1.0" encoding="utf-8"?><EdgeSubscriptionData><EdgeServerName>' + $local.name + '</EdgeServerName><EdgeServerFQDN>' + $local.fqdn + '</EdgeServerFQDN><EdgeCertificateBlob>' + $blob + '</EdgeCertificateBlob><ESBRAccountPasswordExpiryDateTime>' + $expiry + '</ESBRAccountPasswordExpiryDateTime></EdgeSubscriptionData>'
        [System.IO.File]::WriteAllText([string]$P.FileName, $xml)
        $local.edgeSubscribed = $true
        return
    }
    if (-not ($P.ContainsKey('FileData') -and $P.FileData)) {
        Stop-SimCmdlet 'Specify -FileName on the Edge Transport server or -FileData on a Mailbox server.' 'ParameterBindingException'
    }
    if (Test-SimEdgeServer $local) { Stop-SimCmdlet 'New-EdgeSubscription -FileData runs on a Mailbox server, not on the Edge Transport server.' 'InvalidOperationException' }
    if (-not ($P.ContainsKey('Site') -and $P.Site)) { Stop-SimCmdlet 'The Site parameter is required to import an Edge Subscription file.' 'ParameterBindingException' }
    try {
        $data = [xml]([System.Text.Encoding]::UTF8.GetString([byte[]]$P.FileData))
    } catch {
        Stop-SimCmdlet 'The Edge Subscription file is not valid.' 'InvalidOperationException'
    }
    $d = $data.EdgeSubscriptionData
    if ([DateTime]::Parse([string]$d.ESBRAccountPasswordExpiryDateTime).ToUniversalTime() -lt (Get-SimNow)) {
        Stop-SimCmdlet ('The Edge Subscription file for ' + $d.EdgeServerName + ' has expired: the bootstrap account is valid for 1440 minutes. Create a new one on the Edge Transport server.') 'InvalidOperationException'
    }
    if ([string]$P.Site -ne (Get-SimSiteOf $local)) { Stop-SimCmdlet ('Site ''' + $P.Site + ''' couldn''t be found.') }
    $pem = "-----BEGIN CERTIFICATE-----`n" + [string]$d.EdgeCertificateBlob + "`n-----END CERTIFICATE-----`n"
    if ($null -eq $global:SimWorld.org.edgeSubscriptions) { $global:SimWorld.org.edgeSubscriptions = @{} }
    $global:SimWorld.org.edgeSubscriptions[[string]$d.EdgeServerName] = @{
        name = [string]$d.EdgeServerName; fqdn = [string]$d.EdgeServerFQDN; site = [string]$P.Site
        certificateThumbprint = (ConvertFrom-SimPem $pem).Thumbprint; synchronized = $false
    }
}

function SimX-Get-EdgeSubscription($P) {
    $all = $global:SimWorld.org.edgeSubscriptions
    if ($null -eq $all) { return }
    foreach ($k in @($all.Keys | Sort-Object)) {
        if ($P.ContainsKey('Identity') -and $P.Identity -and ($k -ine [string]$P.Identity)) { continue }
        [pscustomobject]@{ PSTypeName = 'Microsoft.Exchange.Data.Directory.SystemConfiguration.EdgeSubscription'; Identity = $k; Name = $k; Site = $all[$k].site; Domain = ($all[$k].fqdn -replace '^[^.]+\.', '') }
    }
}

function SimX-Start-EdgeSynchronization($P) {
    $all = $global:SimWorld.org.edgeSubscriptions
    if ($null -eq $all -or $all.Count -eq 0) { Stop-SimCmdlet 'There are no Edge Subscriptions in this site.' 'InvalidOperationException' }
    foreach ($k in @($all.Keys | Sort-Object)) {
        $all[$k].synchronized = $true
        [pscustomobject]@{ Result = 'Success'; Type = 'Configuration'; Name = $k }
    }
}
