# The long-lived PowerShell host of the test suite: reads one JSON request per line on
# stdin, answers one line '@@SIM@@ <json>' on stdout. Every script run gets a fresh
# runspace with the simulated server loaded into it (the Exchange cmdlets of its version,
# the Windows pieces, the state from the world folder), and the state is saved after it.
#
# Requests: { op: 'newServer' | 'run' | 'issue' | 'setWorld' | 'quit', ... } (see harness/pwsh-host.ts)
param([string]$ReferencePath)

Set-StrictMode -Off
$ErrorActionPreference = 'Stop'
$SimDir = $PSScriptRoot
. (Join-Path $SimDir 'sim-state.ps1')
. (Join-Path $SimDir 'sim-ca.ps1')
. (Join-Path $SimDir 'sim-cmdlets.ps1')
. (Join-Path $SimDir 'sim-hybrid.ps1')

# [ADSI] for the IIS 6 metabase (pwsh on Linux has no System.DirectoryServices): a
# process-wide type and accelerator; each use calls back into the running script's runspace.
Add-Type -TypeDefinition (Get-Content -LiteralPath (Join-Path $SimDir 'sim-adsi.cs') -Raw) -Language CSharp
$accelerators = [psobject].Assembly.GetType('System.Management.Automation.TypeAccelerators')
if (-not $accelerators::Get.ContainsKey('ADSI')) { $accelerators::Add('ADSI', [SimAdsiEntry]) }

$Reference = (Get-Content -LiteralPath $ReferencePath -Raw | ConvertFrom-Json -AsHashtable).cmdlets
# Exchange Online's cmdlets (not in the on-premises reference), applicable to the 'EXO' session only.
$ExoReference = (Get-Content -LiteralPath (Join-Path $SimDir 'exo-cmdlets.json') -Raw | ConvertFrom-Json -AsHashtable).cmdlets
foreach ($name in $ExoReference.Keys) { $Reference[$name] = $ExoReference[$name] }
$ImplementedCmdlets = @(
    Select-String -LiteralPath @((Join-Path $SimDir 'sim-exchange.ps1'), (Join-Path $SimDir 'sim-hybrid.ps1'), (Join-Path $SimDir 'sim-exo.ps1'), (Join-Path $SimDir 'sim-edge.ps1')) -Pattern '^function SimX-([A-Za-z]+-[A-Za-z]+)' |
        ForEach-Object { $_.Matches[0].Groups[1].Value }
)

# Loaded once per version into a runspace that every run of that version reuses; each run
# starts from fresh simulation state (world, configuration, counters) read from the files.
$Setup = @'
. (Join-Path $SimDir 'sim-state.ps1')
. (Join-Path $SimDir 'sim-ca.ps1')
. (Join-Path $SimDir 'sim-windows.ps1')
if ($SimVersion -eq '2007') {
    # A snap-in's cmdlets live in the script's own session state: its preferences reach them.
    . (Join-Path $SimDir 'sim-exchange.ps1')
    . (Join-Path $SimDir 'sim-hybrid.ps1')
    . ([scriptblock]::Create($SimSource))
} else {
    # Implicit remoting: the cmdlets are functions of a temporary module.
    $moduleBody = ". (Join-Path '" + $SimDir + "' 'sim-state.ps1'); . (Join-Path '" + $SimDir + "' 'sim-exchange.ps1'); . (Join-Path '" + $SimDir + "' 'sim-hybrid.ps1'); . (Join-Path '" + $SimDir + "' 'sim-exo.ps1'); . (Join-Path '" + $SimDir + "' 'sim-edge.ps1')`n" + $SimSource + "`nExport-ModuleMember -Function " + ($SimNames -join ',')
    New-Module -Name ('tmp_' + [guid]::NewGuid().ToString('N').Substring(0, 8) + '.exchange') -ScriptBlock ([scriptblock]::Create($moduleBody)) | Microsoft.PowerShell.Core\Import-Module -DisableNameChecking
}
'@

$Runner = @'
$global:SimTrace = [System.Collections.Generic.List[string]]::new()
$global:SimWebAdministration = $false
$global:LASTEXITCODE = 0
$global:Error.Clear()
Read-SimWorld $SimConfig.dir $SimConfig.local
Set-Location -LiteralPath (Split-Path -Parent $SimConfig.script)
$SimExit = 0
try {
    & $SimConfig.script *>&1 | ForEach-Object {
        $item = $_
        if ($item -is [System.Management.Automation.InformationRecord]) { $global:SimTrace.Add('host ' + [string]$item.MessageData) }
        elseif ($item -is [System.Management.Automation.WarningRecord]) { $global:SimTrace.Add('warning ' + $item.Message) }
        elseif ($item -is [System.Management.Automation.ErrorRecord]) { $global:SimTrace.Add('error ' + $item.Exception.Message) }
        elseif ($item -is [System.Management.Automation.VerboseRecord] -or $item -is [System.Management.Automation.DebugRecord]) { }
        else { $global:SimTrace.Add('output ' + ($item | Out-String).Trim()) }
    }
} catch {
    $global:SimTrace.Add('terminating ' + $_.Exception.Message)
    $SimExit = 1
}
Save-SimWorld
[pscustomobject]@{ exitCode = $SimExit; trace = $global:SimTrace.ToArray(); calls = $global:SimWorld.calls.ToArray(); faultsInjected = $global:SimWorld.faultsInjected }
'@

$Runspaces = @{}
$Images = @{}

# One runspace per version and set of cmdlets the server's update lacks (for example
# Set-MapiVirtualDirectory before Exchange 2013 SP1): such a cmdlet is not defined at all.
function Get-SimRunspace([string]$Version, $Table2007, [string[]]$Missing) {
    $key = $Version + '|' + (($Missing | Sort-Object) -join ',')
    if ($Runspaces.ContainsKey($key)) { return $Runspaces[$key] }
    $source = New-SimExchangeSource $Version $Reference $Table2007 @($ImplementedCmdlets | Where-Object { $Missing -notcontains $_ })
    $defined = @([regex]::Matches($source, '(?m)^function (\S+)') | ForEach-Object { $_.Groups[1].Value })
    $rs = [runspacefactory]::CreateRunspace([System.Management.Automation.Runspaces.InitialSessionState]::CreateDefault2())
    $rs.Open()
    $rs.SessionStateProxy.SetVariable('SimDir', $SimDir)
    $rs.SessionStateProxy.SetVariable('SimVersion', $Version)
    $rs.SessionStateProxy.SetVariable('SimSource', $source)
    $rs.SessionStateProxy.SetVariable('SimNames', $defined)
    $ps = [powershell]::Create()
    $ps.Runspace = $rs
    [void]$ps.AddScript($Setup, $false)
    [void]$ps.Invoke()
    if ($ps.HadErrors) { throw ('Loading the simulated Exchange ' + $Version + ' failed: ' + (($ps.Streams.Error | ForEach-Object { $_.ToString() }) -join '; ')) }
    $ps.Dispose()
    $Runspaces[$key] = $rs
    return $rs
}

function Invoke-SimRun($Request) {
    $version = [string]$Request.version
    $localState = Get-Content -LiteralPath (Join-Path $Request.dir ($Request.local + '.json')) -Raw | ConvertFrom-Json -AsHashtable
    $missing = @($localState.missingCmdlets | Where-Object { $_ })
    $rs = Get-SimRunspace $version $Request.table2007 $missing
    $config = @{
        dir = $Request.dir; local = $Request.local; version = $version; script = $Request.script
        deserialize = ($version -ne '2007')
        faults = @($Request.faults | Where-Object { $_ })
        faultMode = [string]$Request.faultMode
        inputs = [System.Collections.Generic.List[string]]::new()
        prompts = [System.Collections.Generic.List[string]]::new()
        caFault = [string]$Request.caFault
    }
    foreach ($i in @($Request.inputs)) { if ($null -ne $i) { $config.inputs.Add([string]$i) } }
    foreach ($i in @($Request.prompts)) { if ($null -ne $i) { $config.prompts.Add([string]$i) } }
    $env:COMPUTERNAME = $Request.local
    $env:windir = 'C:\Windows'; $env:SystemRoot = 'C:\Windows'; $env:SystemDrive = 'C:'
    $rs.SessionStateProxy.SetVariable('SimConfig', $config)
    $ps = [powershell]::Create()
    try {
        $ps.Runspace = $rs
        [void]$ps.AddScript($Runner, $false)
        $out = $ps.Invoke()
        $hostErrors = @($ps.Streams.Error | ForEach-Object { 'simulation-error ' + $_.ToString() + ' ' + $_.InvocationInfo.PositionMessage })
        if ($out.Count -eq 0) { throw ('The simulation failed to run ' + $Request.script + ': ' + ($hostErrors -join '; ')) }
        $result = $out[$out.Count - 1]
        return @{ exitCode = $result.exitCode; trace = @($hostErrors) + @($result.trace); calls = $result.calls; faultsInjected = $result.faultsInjected }
    } finally {
        $ps.Dispose()
    }
}

function Invoke-SimRequest($Request) {
    switch ($Request.op) {
        'newServer' {
            $global:SimWorld = @{ clockOffsetDays = 0; revoked = @(); ca = $null }
            if (Test-Path -LiteralPath (Join-Path $Request.dir 'world.json')) {
                $w = Get-Content -LiteralPath (Join-Path $Request.dir 'world.json') -Raw | ConvertFrom-Json -AsHashtable
                $global:SimWorld.clockOffsetDays = [double]$w.clockOffsetDays
            }
            # A fresh install of the same server (name, version, Windows) is the same image each time:
            # its self-signed certificates are made once per host.
            $imageKey = ($Request.name, $Request.fqdn, $Request.version, $Request.windows, $Request.ipv4) -join '|'
            if (-not $Images.ContainsKey($imageKey)) { $Images[$imageKey] = (New-SimServerState $Request.name $Request.fqdn $Request.version $Request.windows $Request.ipv4) | ConvertTo-Json -Depth 12 }
            $state = $Images[$imageKey] | ConvertFrom-Json -AsHashtable
            $state.stores.Root = @($Request.trustedRoots | Where-Object { $_ })
            $state.stores.CA = @($Request.intermediates | Where-Object { $_ })
            $state.missingCmdlets = @($Request.missingCmdlets | Where-Object { $_ })
            [System.IO.File]::WriteAllText((Join-Path $Request.dir ($Request.name + '.json')), ($state | ConvertTo-Json -Depth 12))
            return @{ ok = $true }
        }
        'setWorld' {
            $world = @{ clockOffsetDays = [double]$Request.clockOffsetDays; revoked = @($Request.revoked | Where-Object { $_ }); ca = $Request.ca }
            [System.IO.File]::WriteAllText((Join-Path $Request.dir 'world.json'), ($world | ConvertTo-Json -Depth 6))
            return @{ ok = $true }
        }
        'issue' {
            Read-SimWorld $Request.dir ''
            $thumb = Invoke-SimCaIssue -RequestFile $Request.request -OutFile $Request.out -Ca $global:SimWorld.ca -Fault ([string]$Request.fault) -Format ([string]$Request.format)
            Save-SimWorld
            return @{ ok = $true; thumbprint = $thumb }
        }
        'hybridWizard' {
            Read-SimWorld $Request.dir ''
            Invoke-SimHybridWizard -Thumbprint ([string]$Request.thumbprint) -Servers @($Request.servers) -Guid ([string]$Request.guid) -AuthDaysLeft ([double]$Request.authDaysLeft) -Domain ([string]$Request.domain)
            Save-SimWorld
            return @{ ok = $true }
        }
        'installCertificate' {
            # A certificate installed before the plan (PEM and PKCS#8 key files) on the given servers, enabled for the given services.
            Read-SimWorld $Request.dir ''
            $certPem = (ConvertFrom-SimPem ([System.IO.File]::ReadAllText([string]$Request.certFile))).ExportCertificatePem()
            $keyPem = [System.IO.File]::ReadAllText([string]$Request.keyFile)
            foreach ($name in @($Request.servers)) {
                $server = Get-SimServer $name
                $server.certificates += , (New-SimCertificateRecord $certPem $keyPem @($Request.services) ([string]$Request.friendlyName) $false)
            }
            Save-SimWorld
            return @{ ok = $true; thumbprint = (ConvertFrom-SimPem $certPem).Thumbprint }
        }
        'starttls' {
            Read-SimWorld $Request.dir ''
            $r = Invoke-SimStartTls ([string]$Request.server) ([string]$Request.kind) ([string]$Request.connector)
            return @{ offered = $r.offered; thumbprint = $r.thumbprint; reason = $r.reason }
        }
        'run' { return (Invoke-SimRun $Request) }
        default { throw ('unknown op ' + $Request.op) }
    }
}

[Console]::Out.WriteLine('@@SIM@@ {"ready":true}')
while ($true) {
    $line = [Console]::In.ReadLine()
    if ($null -eq $line) { break }
    if ($line.Trim() -eq '') { continue }
    $request = $line | ConvertFrom-Json -AsHashtable
    if ($request.op -eq 'quit') { break }
    try {
        $response = Invoke-SimRequest $request
        $response.id = $request.id
    } catch {
        $response = @{ id = $request.id; error = ($_.Exception.Message + ' at ' + $_.InvocationInfo.PositionMessage) }
    }
    [Console]::Out.WriteLine('@@SIM@@ ' + ($response | ConvertTo-Json -Depth 8 -Compress))
}
