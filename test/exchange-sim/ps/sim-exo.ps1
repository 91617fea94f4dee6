# Exchange Online PowerShell (Connect-ExchangeOnline) as a separate simulated session: the
# tenant's inbound and outbound connectors (world.json 'exo'), with the cmdlets declared in
# exo-cmdlets.json from Microsoft's Exchange Online PowerShell reference and bound as
# strictly as the on-premises ones. Enumerations are checked as the service documents them.

$global:SimExoConnectorTypes = @('Partner', 'OnPremises')
$global:SimExoTlsSettings = @('EncryptionOnly', 'CertificateValidation', 'DomainValidation')

function Assert-SimExoEnum($Value, [string[]]$Allowed, [string]$Parameter, [string]$Type) {
    if (@($Allowed | Where-Object { $_ -ieq [string]$Value }).Count -eq 0) {
        Stop-SimCmdlet ('Cannot process argument transformation on parameter ''' + $Parameter + '''. Cannot convert value "' + $Value + '" to type "' + $Type + '". Specify one of the following enumerator names and try again: ' + ($Allowed -join ', ')) 'ParameterBindingException'
    }
}

# TlsCertificate / SmtpDomainWithSubdomains: an SMTP domain, '*.' allowed only in front.
function Assert-SimExoDomain($Value, [string]$Parameter) {
    $text = [string]$Value
    if ($text -notmatch '^(\*\.)?([A-Za-z0-9-]+\.)+[A-Za-z]{2,}$') {
        Stop-SimCmdlet ('Cannot bind parameter ''' + $Parameter + '''. "' + $text + '" is not a valid SMTP domain (a wildcard only as *.domain).') 'ParameterBindingException'
    }
}

function Get-SimExo {
    if ($null -eq $global:SimWorld.exo) { Stop-SimCmdlet 'The tenant has no connectors.' }
    return $global:SimWorld.exo
}

function Get-SimExoEntry([string]$Kind, [string]$Identity) {
    $table = (Get-SimExo)[$Kind]
    foreach ($k in @($table.Keys)) { if ($k -ieq $Identity) { return @{ key = $k; connector = $table[$k] } } }
    Stop-SimCmdlet ('The operation couldn''t be performed because object ''' + $Identity + ''' couldn''t be found on ''' + (Get-SimExo).tenant + '.onmicrosoft.com''.')
}

function ConvertTo-SimInboundObject([string]$Key, $C) {
    [pscustomobject]@{
        PSTypeName = 'Microsoft.Exchange.Data.Directory.SystemConfiguration.TenantInboundConnector'
        Identity = $Key; Name = $Key; ConnectorType = $C.connectorType; RequireTls = [bool]$C.requireTls
        TlsSenderCertificateName = $C.tlsSenderCertificateName; RestrictDomainsToCertificate = [bool]$C.restrictDomainsToCertificate
        CloudServicesMailEnabled = [bool]$C.cloudServicesMailEnabled; SenderDomains = [string[]]@($C.senderDomains); Enabled = $true
    }
}

function ConvertTo-SimOutboundObject([string]$Key, $C) {
    [pscustomobject]@{
        PSTypeName = 'Microsoft.Exchange.Data.Directory.SystemConfiguration.TenantOutboundConnector'
        Identity = $Key; Name = $Key; ConnectorType = $C.connectorType; TlsSettings = $C.tlsSettings; TlsDomain = $C.tlsDomain
        SmartHosts = [string[]]@($C.smartHosts); RecipientDomains = [string[]]@($C.recipientDomains); UseMXRecord = [bool]$C.useMxRecord
        CloudServicesMailEnabled = [bool]$C.cloudServicesMailEnabled; Enabled = $true
    }
}

function SimX-Get-InboundConnector($P) {
    if ($P.ContainsKey('Identity') -and $P.Identity) { $e = Get-SimExoEntry 'inboundConnectors' ([string]$P.Identity); return (ConvertTo-SimInboundObject $e.key $e.connector) }
    $t = (Get-SimExo).inboundConnectors
    foreach ($k in @($t.Keys | Sort-Object)) { ConvertTo-SimInboundObject $k $t[$k] }
}

function SimX-Get-OutboundConnector($P) {
    if ($P.ContainsKey('Identity') -and $P.Identity) { $e = Get-SimExoEntry 'outboundConnectors' ([string]$P.Identity); return (ConvertTo-SimOutboundObject $e.key $e.connector) }
    $t = (Get-SimExo).outboundConnectors
    foreach ($k in @($t.Keys | Sort-Object)) { ConvertTo-SimOutboundObject $k $t[$k] }
}

function SimX-Set-InboundConnector($P) {
    $e = Get-SimExoEntry 'inboundConnectors' ([string]$P.Identity)
    $c = $e.connector
    if ($P.ContainsKey('ConnectorType')) { Assert-SimExoEnum $P.ConnectorType $global:SimExoConnectorTypes 'ConnectorType' 'Microsoft.Exchange.Data.TenantConnectorType'; $c.connectorType = [string]$P.ConnectorType }
    if ($P.ContainsKey('TlsSenderCertificateName')) { Assert-SimExoDomain $P.TlsSenderCertificateName 'TlsSenderCertificateName'; $c.tlsSenderCertificateName = [string]$P.TlsSenderCertificateName }
    if ($P.ContainsKey('RequireTls')) { $c.requireTls = [bool]$P.RequireTls }
    if ($P.ContainsKey('RestrictDomainsToCertificate')) { $c.restrictDomainsToCertificate = [bool]$P.RestrictDomainsToCertificate }
}

function SimX-Set-OutboundConnector($P) {
    $e = Get-SimExoEntry 'outboundConnectors' ([string]$P.Identity)
    $c = $e.connector
    if ($P.ContainsKey('ConnectorType')) { Assert-SimExoEnum $P.ConnectorType $global:SimExoConnectorTypes 'ConnectorType' 'Microsoft.Exchange.Data.TenantConnectorType'; $c.connectorType = [string]$P.ConnectorType }
    if ($P.ContainsKey('TlsSettings')) { Assert-SimExoEnum $P.TlsSettings $global:SimExoTlsSettings 'TlsSettings' 'Microsoft.Exchange.Data.TlsAuthLevel'; $c.tlsSettings = [string]$P.TlsSettings }
    if ($P.ContainsKey('TlsDomain')) { Assert-SimExoDomain $P.TlsDomain 'TlsDomain'; $c.tlsDomain = [string]$P.TlsDomain }
}
