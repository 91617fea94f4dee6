# The Windows pieces the scripts touch, as functions in the script's own session state
# (a function wins over a program or cmdlet of the same name): certreq, certutil, netsh,
# httpcfg, appcmd, cscript iisweb.vbs, the registry key of IIS, the WebAdministration
# module and its IIS: drive, the Cert: drive, X509Store LocalMachine, Windows services and
# Read-Host. Each reads and changes the simulated server the script runs on.

function Get-SimLocal { Get-SimServer $global:SimWorld.local }

function Set-SimExit([int]$Code) { $global:LASTEXITCODE = $Code }

function Read-Host {
    [CmdletBinding()]
    param([Parameter(Position = 0)][object]$Prompt, [switch]$AsSecureString, [switch]$MaskInput)
    Set-StrictMode -Off
    $global:SimTrace.Add('prompt ' + $Prompt)
    if ($global:SimConfig.inputs.Count -eq 0) { throw ('Read-Host: the simulated administrator has no answer for ''' + $Prompt + ''' (no input left).') }
    $value = [string]$global:SimConfig.inputs[0]
    $global:SimConfig.inputs.RemoveAt(0)
    if ($AsSecureString) { return (ConvertTo-SecureString -String $value -AsPlainText -Force) }
    return $value
}

# ---- AD CS ---------------------------------------------------------------------------------

function certreq.exe {
    Set-StrictMode -Off
    $ErrorActionPreference = 'Stop'
    $a = @($args | ForEach-Object { [string]$_ })
    $positional = [System.Collections.Generic.List[string]]::new()
    $mode = ''
    for ($i = 0; $i -lt $a.Count; $i++) {
        switch -regex ($a[$i]) {
            '^-q$' { }
            '^-(submit|retrieve|accept|new)$' { $mode = $a[$i].Substring(1) }
            '^-(config|attrib)$' { $i++ }
            default { $positional.Add($a[$i]) }
        }
    }
    $ca = $global:SimWorld.ca
    if ($null -eq $ca) { 'Certificate Request Processor: The RPC server is unavailable. 0x800706ba (WIN32: 1722 RPC_S_SERVER_UNAVAILABLE)'; Set-SimExit 1722; return }
    $counter = Join-Path $ca.dir 'certreq-id'
    if ($mode -eq 'submit') {
        $id = 1
        if (Test-Path -LiteralPath $counter) { $id = 1 + [int](Get-Content -LiteralPath $counter -Raw) }
        Set-Content -LiteralPath $counter -Value $id
        if ($global:SimConfig.caFault -eq 'pending') {
            Copy-Item -LiteralPath $positional[0] -Destination (Join-Path $ca.dir ('pending-' + $id + '.req'))
            'RequestId: ' + $id
            'RequestId: "' + $id + '"'
            'Certificate not issued (Taken Under Submission) Taken Under Submission'
            Set-SimExit 0
            return
        }
        [void](Invoke-SimCaIssue -RequestFile $positional[0] -OutFile $positional[1] -Ca $ca -Fault $global:SimConfig.caFault -Format 'der')
        'RequestId: ' + $id
        'RequestId: "' + $id + '"'
        'Certificate retrieved(Issued) Issued'
        Set-SimExit 0
        return
    }
    if ($mode -eq 'retrieve') {
        $id = $positional[0]
        $pending = Join-Path $ca.dir ('pending-' + $id + '.req')
        if (-not (Test-Path -LiteralPath $pending)) { 'Certificate retrieved(Denied) Denied by Policy Module'; Set-SimExit 0; return }
        if ($global:SimConfig.caFault -eq 'pending') { 'Certificate not issued (Taken Under Submission) Taken Under Submission'; Set-SimExit 0; return }
        [void](Invoke-SimCaIssue -RequestFile $pending -OutFile $positional[1] -Ca $ca -Fault $global:SimConfig.caFault -Format 'der')
        'Certificate retrieved(Issued) Issued'
        Set-SimExit 0
        return
    }
    'CertReq: the simulation knows -submit and -retrieve only.'
    Set-SimExit 87
}

function certutil.exe {
    Set-StrictMode -Off
    $a = @($args | ForEach-Object { [string]$_ })
    $i = [array]::IndexOf($a, '-ca.cert')
    $ca = $global:SimWorld.ca
    if ($i -lt 0 -or $null -eq $ca) { 'CertUtil: -? unknown in the simulation'; Set-SimExit 87; return }
    $root = [System.Security.Cryptography.X509Certificates.X509Certificate2]::CreateFromPem([System.IO.File]::ReadAllText((Join-Path $ca.dir 'root.pem')))
    [System.IO.File]::WriteAllBytes($a[$i + 1], $root.RawData)
    'CA cert[0]: 3 -- Valid'
    'CertUtil: -ca.cert command completed successfully.'
    Set-SimExit 0
}

# ---- HTTP.sys bindings -----------------------------------------------------------------------

function Get-SimArgValue([string[]]$Arguments, [string]$Name) {
    foreach ($x in $Arguments) { if ($x -like ($Name + '=*')) { return $x.Substring($Name.Length + 1) } }
    return $null
}

function netsh.exe {
    Set-StrictMode -Off
    $a = @($args | ForEach-Object { [string]$_ })
    $server = Get-SimLocal
    if ($server.windows -eq '2003') {
        # Windows Server 2003 has no http context in netsh (httpcfg.exe is its tool).
        'The following command was not found: ' + ($a -join ' ') + '.'
        Set-SimExit 1
        return
    }
    if ($a.Count -lt 3 -or $a[0] -ne 'http' -or $a[2] -ne 'sslcert') { 'The simulation knows netsh http show|add|delete sslcert only.'; Set-SimExit 1; return }
    $ipport = Get-SimArgValue $a 'ipport'
    $bindings = $server.iis.sslBindings
    switch ($a[1]) {
        'show' {
            if (-not $bindings.Contains($ipport)) { ''; 'SSL Certificate bindings:'; '-------------------------'; ''; 'The system cannot find the file specified.'; ''; Set-SimExit 1; return }
            ''; 'SSL Certificate bindings:'; '-------------------------'; ''
            '    IP:port                      : ' + $ipport
            '    Certificate Hash             : ' + $bindings[$ipport].ToLowerInvariant()
            '    Application ID               : {4dc3e181-e14b-4a21-b022-59fc669b0914}'
            '    Certificate Store Name       : MY'
            ''
            Set-SimExit 0
        }
        'add' {
            $hash = (Get-SimArgValue $a 'certhash').ToUpperInvariant()
            if ($bindings.Contains($ipport)) { ''; 'SSL Certificate add failed, Error: 183'; 'Cannot create a file when that file already exists.'; ''; Set-SimExit 1; return }
            $record = Get-SimCertificateRecord $server $hash
            if ($null -eq $record -or $null -eq $record.keyPem -or $record.pending) { ''; 'SSL Certificate add failed, Error: 1312'; 'A specified logon session does not exist. It may already have been terminated.'; ''; Set-SimExit 1; return }
            $bindings[$ipport] = $hash
            ''; 'SSL Certificate successfully added'; ''
            Set-SimExit 0
        }
        'delete' {
            if (-not $bindings.Contains($ipport)) { ''; 'SSL Certificate deletion failed, Error: 2'; 'The system cannot find the file specified.'; ''; Set-SimExit 1; return }
            $bindings.Remove($ipport)
            ''; 'SSL Certificate successfully deleted'; ''
            Set-SimExit 0
        }
        default { 'The following command was not found: ' + ($a -join ' ') + '.'; Set-SimExit 1 }
    }
}

function httpcfg.exe {
    Set-StrictMode -Off
    $a = @($args | ForEach-Object { [string]$_ })
    $server = Get-SimLocal
    if ($server.windows -ne '2003') { throw 'httpcfg.exe : The term ''httpcfg.exe'' is not recognized (it ships with the Windows Server 2003 Support Tools only).' }
    $i = [array]::IndexOf($a, '-i')
    $ipport = if ($i -ge 0) { $a[$i + 1] } else { $null }
    $bindings = $server.iis.sslBindings
    if ($a[0] -eq 'query' -and $a[1] -eq 'ssl') {
        if ($ipport -and -not $bindings.Contains($ipport)) { 'HttpQueryServiceConfiguration completed with 1168.'; Set-SimExit 0; return }
        foreach ($k in @($bindings.Keys)) {
            if ($ipport -and $k -ne $ipport) { continue }
            '    IP                      : ' + $k
            '    Hash                    : ' + $bindings[$k].ToLowerInvariant()
            '    Guid                    : {4dc3e181-e14b-4a21-b022-59fc669b0914}'
            '    CertStoreName           : MY'
            '------------------------------------------------------------------------------'
        }
        Set-SimExit 0
        return
    }
    if ($a[0] -eq 'set' -and $a[1] -eq 'ssl') {
        $h = [array]::IndexOf($a, '-h')
        $bindings[$ipport] = $a[$h + 1].ToUpperInvariant()
        'HttpSetServiceConfiguration completed with 0.'
        Set-SimExit 0
        return
    }
    if ($a[0] -eq 'delete' -and $a[1] -eq 'ssl') { $bindings.Remove($ipport); 'HttpDeleteServiceConfiguration completed with 0.'; Set-SimExit 0; return }
    'httpcfg: unknown command in the simulation'
    Set-SimExit 87
}

# ---- IIS -------------------------------------------------------------------------------------

function Get-SimSite([string]$Name) { @((Get-SimLocal).iis.sites | Where-Object { $_.name -eq $Name }) | Select-Object -First 1 }

function Add-SimSite([string]$Name, [string]$PhysicalPath, [string]$Binding) {
    $server = Get-SimLocal
    $id = 1 + (@($server.iis.sites | ForEach-Object { [int]$_.id }) | Measure-Object -Maximum).Maximum
    $server.iis.sites = @($server.iis.sites) + @{ id = $id; name = $Name; physicalPath = $PhysicalPath; bindings = @($Binding) }
}

function appcmd.exe {
    Set-StrictMode -Off
    $a = @($args | ForEach-Object { [string]$_ })
    $server = Get-SimLocal
    if ($server.iisMajor -lt 7) { throw 'appcmd.exe : The term ''appcmd.exe'' is not recognized as a name of a cmdlet, function, script file, or executable program.' }
    $opt = @{}
    foreach ($x in $a) { if ($x -match '^/([^:]+):(.*)$') { $opt[$Matches[1]] = $Matches[2] } }
    if ($a[0] -eq 'list' -and $a[1] -eq 'site') {
        $site = Get-SimSite $opt['name']
        if ($null -eq $site) { 'ERROR ( message:Cannot find SITE object with identifier "' + $opt['name'] + '". )'; Set-SimExit 1168; return }
        $site.name
        Set-SimExit 0
        return
    }
    if ($a[0] -eq 'list' -and $a[1] -eq 'vdir') {
        $site = Get-SimSite ($a[2].TrimEnd('/'))
        if ($null -eq $site) { 'ERROR ( message:Cannot find VDIR object with identifier "' + $a[2] + '". )'; Set-SimExit 1168; return }
        $site.physicalPath
        Set-SimExit 0
        return
    }
    if ($a[0] -eq 'add' -and $a[1] -eq 'site') {
        if (Get-SimSite $opt['name']) { 'ERROR ( message:Failed to add duplicate collection element "' + $opt['name'] + '". )'; Set-SimExit 183; return }
        Add-SimSite $opt['name'] $opt['physicalPath'] $opt['bindings']
        'SITE object "' + $opt['name'] + '" added'
        'APP object "' + $opt['name'] + '/" added'
        'VDIR object "' + $opt['name'] + '/" added'
        Set-SimExit 0
        return
    }
    'ERROR ( message:The simulation does not know this appcmd command. )'
    Set-SimExit 87
}

function cscript.exe {
    Set-StrictMode -Off
    $a = @($args | ForEach-Object { [string]$_ })
    $server = Get-SimLocal
    if ($a.Count -ge 5 -and $a[0] -like '*iisweb.vbs' -and $a[1] -eq '/create') {
        if ($server.iisMajor -ge 7) { 'iisweb.vbs is an IIS 6 tool; use appcmd on IIS 7.'; Set-SimExit 1; return }
        $i = [array]::IndexOf($a, '/i')
        Add-SimSite $a[3] $a[2] ('http/' + $a[$i + 1] + ':80:')
        'Connecting to server ...Done.'
        'Server = ' + $server.name
        'Site Name = ' + $a[3]
        Set-SimExit 0
        return
    }
    'Input Error: the simulation runs iisweb.vbs /create only.'
    Set-SimExit 1
}

function Get-ItemProperty {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string[]]$Path, [string[]]$LiteralPath, [Parameter(Position = 1)][string[]]$Name)
    Set-StrictMode -Off
    $p = @($Path) + @($LiteralPath) | Where-Object { $_ } | Select-Object -First 1
    if ($p -match '^HKLM:\\SOFTWARE\\Microsoft\\InetStp\\?$') {
        return [pscustomobject]@{ MajorVersion = [int](Get-SimLocal).iisMajor; MinorVersion = 0; PSPath = 'Microsoft.PowerShell.Core\Registry::HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\InetStp' }
    }
    if ($p -match '^HK') { throw ('Cannot find path ''' + $p + ''' because it does not exist (simulated registry).') }
    Microsoft.PowerShell.Management\Get-ItemProperty @PSBoundParameters
}

function Get-Module {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string[]]$Name, [switch]$ListAvailable, [switch]$All)
    Set-StrictMode -Off
    if (@($Name) -contains 'WebAdministration') {
        if ((Get-SimLocal).webAdministration) { return [pscustomobject]@{ Name = 'WebAdministration'; ModuleType = 'Manifest'; Version = [version]'1.0.0.0' } }
        return
    }
    Microsoft.PowerShell.Core\Get-Module @PSBoundParameters
}

function Import-Module {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string[]]$Name, [switch]$Force, [switch]$PassThru, [switch]$Global)
    Set-StrictMode -Off
    if (@($Name) -contains 'WebAdministration') {
        if (-not (Get-SimLocal).webAdministration) {
            throw 'The specified module ''WebAdministration'' was not loaded because no valid module file was found in any module directory.'
        }
        $global:SimWebAdministration = $true
        return
    }
    Microsoft.PowerShell.Core\Import-Module @PSBoundParameters
}

function New-Website {
    [CmdletBinding()]
    param([Parameter(Mandatory = $true, Position = 0)][string]$Name, [string]$PhysicalPath, [string]$IPAddress = '*', [int]$Port = 80, [string]$HostHeader = '', [switch]$Ssl, [int]$Id, [string]$ApplicationPool, [switch]$Force)
    Set-StrictMode -Off
    if (-not $global:SimWebAdministration) { throw 'The term ''New-Website'' is not recognized as a name of a cmdlet (Import-Module WebAdministration first).' }
    if (Get-SimSite $Name) { throw ('Cannot create a file when that file already exists. (Web site ' + $Name + ')') }
    $protocol = if ($Ssl) { 'https' } else { 'http' }
    Add-SimSite $Name $PhysicalPath ($protocol + '/' + $IPAddress + ':' + $Port + ':' + $HostHeader)
    [pscustomobject]@{ Name = $Name; ID = 2; State = 'Started'; PhysicalPath = $PhysicalPath }
}

# IIS:\Sites\<name>, IIS:\SslBindings\<ip>!<port>, Cert:\LocalMachine\My\<thumbprint>
function Resolve-SimDrivePath([string]$P) {
    if ($P -match '^IIS:\\Sites\\(.+)$') { return @{ kind = 'site'; name = $Matches[1] } }
    if ($P -match '^IIS:\\SslBindings\\(.+)!(\d+)$') { return @{ kind = 'ssl'; key = $Matches[1] + ':' + $Matches[2] } }
    if ($P -match '^Cert:\\LocalMachine\\My\\([0-9A-Fa-f]+)$') { return @{ kind = 'cert'; thumbprint = $Matches[1].ToUpperInvariant() } }
    if ($P -match '^(IIS|Cert):') { return @{ kind = 'unknown' } }
    return $null
}

function Assert-SimIisDrive([string]$P) {
    if ($P -like 'IIS:*' -and -not $global:SimWebAdministration) { throw ('Cannot find drive. A drive with the name ''IIS'' does not exist.') }
}

function Test-Path {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string[]]$Path, [string[]]$LiteralPath, [object]$PathType, [switch]$IsValid)
    Set-StrictMode -Off
    $p = @($Path) + @($LiteralPath) | Where-Object { $_ } | Select-Object -First 1
    $d = Resolve-SimDrivePath $p
    if ($null -eq $d) { return (Microsoft.PowerShell.Management\Test-Path @PSBoundParameters) }
    Assert-SimIisDrive $p
    $server = Get-SimLocal
    switch ($d.kind) {
        'site' { return ($null -ne (Get-SimSite $d.name)) }
        'ssl' { return $server.iis.sslBindings.Contains($d.key) }
        'cert' { return ($null -ne (Get-SimCertificateRecord $server $d.thumbprint)) }
        default { return $false }
    }
}

function Get-Item {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string[]]$Path, [string[]]$LiteralPath, [switch]$Force)
    Set-StrictMode -Off
    $p = @($Path) + @($LiteralPath) | Where-Object { $_ } | Select-Object -First 1
    $d = Resolve-SimDrivePath $p
    if ($null -eq $d) { return (Microsoft.PowerShell.Management\Get-Item @PSBoundParameters) }
    Assert-SimIisDrive $p
    $server = Get-SimLocal
    switch ($d.kind) {
        'site' {
            $site = Get-SimSite $d.name
            if ($null -eq $site) { throw ('Cannot find path ''' + $p + ''' because it does not exist.') }
            return [pscustomobject]@{ name = $site.name; id = $site.id; physicalPath = $site.physicalPath; state = 'Started' }
        }
        'ssl' {
            if (-not $server.iis.sslBindings.Contains($d.key)) { throw ('Cannot find path ''' + $p + ''' because it does not exist.') }
            $ip, $port = $d.key.Split(':')
            return [pscustomobject]@{ IPAddress = $ip; Port = [int]$port; Thumbprint = $server.iis.sslBindings[$d.key]; Store = 'My' }
        }
        'cert' {
            $r = Get-SimCertificateRecord $server $d.thumbprint
            if ($null -eq $r -or $r.pending) { throw ('Cannot find path ''' + $p + ''' because it does not exist.') }
            return (ConvertFrom-SimPem $r.certPem)
        }
        default { throw ('Cannot find path ''' + $p + ''' (not simulated).') }
    }
}

function New-Item {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string[]]$Path, [string]$Name, [string]$ItemType, [object]$Value, [switch]$Force)
    Set-StrictMode -Off
    $p = @($Path) | Where-Object { $_ } | Select-Object -First 1
    $d = Resolve-SimDrivePath $p
    if ($null -eq $d) { return (Microsoft.PowerShell.Management\New-Item @PSBoundParameters) }
    Assert-SimIisDrive $p
    $server = Get-SimLocal
    if ($d.kind -ne 'ssl') { throw ('New-Item on ''' + $p + ''' is not simulated.') }
    if ($server.iis.sslBindings.Contains($d.key)) { throw 'Cannot create a file when that file already exists.' }
    $thumb = [string]$Value.Thumbprint
    $r = Get-SimCertificateRecord $server $thumb
    if ($null -eq $r -or $null -eq $r.keyPem) { throw 'A specified logon session does not exist. It may already have been terminated. (0x80070520)' }
    $server.iis.sslBindings[$d.key] = $r.thumbprint
    return [pscustomobject]@{ IPAddress = $d.key.Split(':')[0]; Port = [int]$d.key.Split(':')[1]; Thumbprint = $r.thumbprint }
}

function Remove-Item {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string[]]$Path, [string[]]$LiteralPath, [switch]$Recurse, [switch]$Force)
    Set-StrictMode -Off
    $p = @($Path) + @($LiteralPath) | Where-Object { $_ } | Select-Object -First 1
    $d = Resolve-SimDrivePath $p
    if ($null -eq $d) { return (Microsoft.PowerShell.Management\Remove-Item @PSBoundParameters) }
    Assert-SimIisDrive $p
    $server = Get-SimLocal
    if ($d.kind -eq 'ssl' -and $server.iis.sslBindings.Contains($d.key)) { $server.iis.sslBindings.Remove($d.key); return }
    throw ('Cannot find path ''' + $p + ''' because it does not exist.')
}

# ---- certificate stores and services -------------------------------------------------------------

function New-Object {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string]$TypeName, [Parameter(Position = 1)][object[]]$ArgumentList, [System.Collections.IDictionary]$Property, [string]$ComObject, [switch]$Strict)
    Set-StrictMode -Off
    if ($TypeName -match '^(System\.Security\.Cryptography\.X509Certificates\.)?X509Store$' -and @($ArgumentList).Count -ge 2 -and [string]$ArgumentList[1] -eq 'LocalMachine') {
        return (New-SimStore ([string]$ArgumentList[0]))
    }
    Microsoft.PowerShell.Utility\New-Object @PSBoundParameters
}

# LocalMachine\Root and \CA of the simulated server (pwsh on Linux cannot write them).
function New-SimStore([string]$Name) {
    if (@('Root', 'CA', 'AuthRoot') -notcontains $Name) { throw ('The simulation has no LocalMachine\' + $Name + ' store.') }
    $key = if ($Name -eq 'AuthRoot') { 'Root' } else { $Name }
    $store = [pscustomobject]@{ Name = $Name; StoreKey = $key; IsOpen = $false }
    $store | Add-Member -MemberType ScriptProperty -Name Certificates -Value {
        $c = [System.Security.Cryptography.X509Certificates.X509Certificate2Collection]::new()
        foreach ($pem in @((Get-SimLocal).stores[$this.StoreKey])) { if ($pem) { [void]$c.Add((ConvertFrom-SimPem $pem)) } }
        , $c
    }
    $store | Add-Member -MemberType ScriptMethod -Name Open -Value { param($Flags) $this.IsOpen = $true }
    $store | Add-Member -MemberType ScriptMethod -Name Close -Value { $this.IsOpen = $false }
    $store | Add-Member -MemberType ScriptMethod -Name Dispose -Value { $this.IsOpen = $false }
    $store | Add-Member -MemberType ScriptMethod -Name Add -Value {
        param($Certificate)
        if (-not $this.IsOpen) { throw 'The store is not open.' }
        $server = Get-SimLocal
        $pem = ConvertTo-SimPem $Certificate
        if (@($server.stores[$this.StoreKey]) -notcontains $pem) { $server.stores[$this.StoreKey] = @(@($server.stores[$this.StoreKey]) | Where-Object { $_ }) + $pem }
    }
    return $store
}

function Get-Service {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string[]]$Name)
    Set-StrictMode -Off
    $server = Get-SimLocal
    foreach ($n in @($Name)) {
        if ($server.services.Contains($n)) { [pscustomobject]@{ Name = $n; Status = $server.services[$n].status } }
        else { Write-Error -Message ('Cannot find any service with service name ''' + $n + '''.') -Category ObjectNotFound }
    }
}

function Restart-Service {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string[]]$Name, [switch]$Force)
    Set-StrictMode -Off
    $server = Get-SimLocal
    foreach ($n in @($Name)) {
        if (-not $server.services.Contains($n)) { throw ('Cannot find any service with service name ''' + $n + '''.') }
        $server.services[$n].status = 'Running'
        $server.services[$n].restarts = 1 + [int]$server.services[$n].restarts
    }
}

# ---- IIS 6 metabase through [ADSI] (sim-adsi.cs calls this) ------------------------------------

function ConvertFrom-SimHex([string]$Hex) {
    $bytes = New-Object -TypeName byte[] -ArgumentList ($Hex.Length / 2)
    for ($i = 0; $i -lt $bytes.Length; $i++) { $bytes[$i] = [System.Convert]::ToByte($Hex.Substring(2 * $i, 2), 16) }
    return , $bytes
}

# 'https/192.168.10.12:443:' <-> SecureBindings '192.168.10.12:443:'; '*' is the empty address.
function Get-SimSecureBindings($Site) {
    foreach ($b in @($Site.bindings)) {
        if ($b -match '^https/([^:]*):(\d+):(.*)$') { $ip = if ($Matches[1] -eq '*') { '' } else { $Matches[1] }; $ip + ':' + $Matches[2] + ':' + $Matches[3] }
    }
}

function Get-SimSslKey([string]$SecureBinding) {
    $parts = $SecureBinding.Split(':')
    $ip = if ($parts[0] -eq '') { '0.0.0.0' } else { $parts[0] }
    return $ip + ':' + $parts[1]
}

function Invoke-SimAdsi {
    param([string]$Operation, [string]$Path, [object[]]$Arguments)
    Set-StrictMode -Off
    $server = Get-SimLocal
    if ($server.iisMajor -ge 7) { throw 'Unknown error (0x80005000): the IIS 6 metabase (IIS://) is not installed on this server.' }
    if ($Path -notmatch '^IIS://localhost/W3SVC(/(\d+|Filters))?$') { throw ('Unknown error (0x80005000): ' + $Path) }
    $id = $Matches[2]
    $site = $null
    if ($id -and $id -ne 'Filters') {
        $site = @($server.iis.sites | Where-Object { [string]$_.id -eq $id }) | Select-Object -First 1
        if ($null -eq $site) { throw ('The system cannot find the path specified. (' + $Path + ')') }
    }
    switch ($Operation) {
        'exists' { return }
        'class' { if ($null -eq $id) { 'IIsWebService' } elseif ($id -eq 'Filters') { 'IIsFilters' } else { 'IIsWebServer' } }
        'children' {
            if ($null -ne $id) { return }
            'IIS://localhost/W3SVC/Filters'
            foreach ($s in $server.iis.sites) { 'IIS://localhost/W3SVC/' + $s.id }
        }
        'get' {
            if ($null -eq $site) { return }
            switch ($Arguments[0]) {
                'ServerComment' { $site.name }
                'SecureBindings' { Get-SimSecureBindings $site }
                'ServerBindings' { foreach ($b in @($site.bindings)) { if ($b -match '^http/([^:]*):(\d+):(.*)$') { ($(if ($Matches[1] -eq '*') { '' } else { $Matches[1] })) + ':' + $Matches[2] + ':' + $Matches[3] } } }
                'SSLCertHash' {
                    $secure = @(Get-SimSecureBindings $site)
                    if ($secure.Count -gt 0) { $t = $server.iis.sslBindings[(Get-SimSslKey $secure[0])]; if ($t) { , (ConvertFrom-SimHex $t) } }
                }
                'SSLStoreName' { if ($site.sslStoreName) { $site.sslStoreName } }
                default { }
            }
        }
        'put' {
            if ($null -eq $site) { throw 'The metabase property cannot be set here.' }
            if ($null -eq $global:SimAdsiPending) { $global:SimAdsiPending = @{} }
            $global:SimAdsiPending[[string]$Arguments[0]] = @($Arguments[1])
        }
        'commit' {
            if ($null -eq $site -or $null -eq $global:SimAdsiPending) { return }
            $pending = $global:SimAdsiPending
            $global:SimAdsiPending = $null
            $secure = @(Get-SimSecureBindings $site)
            $oldKeys = @($secure | ForEach-Object { Get-SimSslKey $_ })
            $hash = $null
            foreach ($k in $oldKeys) { if ($server.iis.sslBindings.Contains($k)) { $hash = $server.iis.sslBindings[$k] } }
            if ($pending.ContainsKey('SecureBindings')) {
                $secure = @($pending['SecureBindings'] | ForEach-Object { [string]$_ })
                $site.bindings = @(@($site.bindings) | Where-Object { $_ -notlike 'https/*' }) + @($secure | ForEach-Object { $p = $_.Split(':'); 'https/' + $(if ($p[0] -eq '') { '*' } else { $p[0] }) + ':' + $p[1] + ':' + $p[2] })
            }
            if ($pending.ContainsKey('SSLCertHash')) {
                $value = @($pending['SSLCertHash'])
                if ($value.Count -eq 1 -and $value[0] -is [byte[]]) { $bytes = $value[0] } else { $bytes = [byte[]]@($value | ForEach-Object { [byte]$_ }) }
                $hash = ([System.BitConverter]::ToString($bytes)).Replace('-', '')
                $record = Get-SimCertificateRecord $server $hash
                if ($null -eq $record -or $null -eq $record.keyPem) { throw ('The certificate ' + $hash + ' is not in the LocalMachine\My store with its private key.') }
            }
            if ($pending.ContainsKey('SSLStoreName')) { $site.sslStoreName = [string]@($pending['SSLStoreName'])[0] }
            foreach ($k in $oldKeys) { $server.iis.sslBindings.Remove($k) }
            if ($hash) { foreach ($b in $secure) { $server.iis.sslBindings[(Get-SimSslKey $b)] = $hash } }
        }
        default { throw ('ADSI operation ' + $Operation + ' is not simulated.') }
    }
}
