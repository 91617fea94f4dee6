# Generates the Exchange cmdlets of one version as PowerShell advanced functions from
# Microsoft's reference (exchange-cmdlets.json): every parameter set, mandatory flag and
# position the reference lists for that version, so PowerShell's own binder refuses an
# unknown parameter, a missing mandatory one or an ambiguous set exactly where Exchange's
# binder does. Exchange 2007 is not in the reference: its cmdlets take the parameters of
# the project's sourced 2007 table (one parameter set, nothing mandatory).

$script:CommonParameters = @('Verbose', 'Debug', 'ErrorAction', 'WarningAction', 'InformationAction', 'ErrorVariable', 'WarningVariable',
    'InformationVariable', 'OutVariable', 'OutBuffer', 'PipelineVariable', 'Confirm', 'WhatIf', 'ProgressAction')

function ConvertTo-SimParameterType([string]$Type) {
    switch ($Type) {
        'SwitchParameter' { return 'switch' }
        'Boolean' { return 'bool' }
        'Byte[]' { return 'byte[]' }
        'SecureString' { return 'System.Security.SecureString' }
        'Int32' { return 'int' }
        'String' { return 'string' }
        default { return 'object' }
    }
}

function New-SimCmdletSource([string]$Name, $Sets, [string]$DefaultSet) {
    # $Sets: ordered set name -> ordered parameter -> @{ type; mandatory; position }
    $byParameter = [ordered]@{}
    foreach ($set in $Sets.Keys) {
        foreach ($p in $Sets[$set].Keys) {
            if ($script:CommonParameters -contains $p) { continue }
            if (-not $byParameter.Contains($p)) { $byParameter[$p] = [System.Collections.Generic.List[string]]::new() }
            $d = $Sets[$set][$p]
            $attr = "[Parameter(ParameterSetName='" + $set + "'"
            if ($d.mandatory) { $attr += ', Mandatory=$true' }
            if ($null -ne $d.position) { $attr += ', Position=' + [int]$d.position }
            $attr += ')]'
            $byParameter[$p].Add($attr)
            $byParameter[$p + '#type'] = ConvertTo-SimParameterType $d.type
        }
    }
    $params = foreach ($p in @($byParameter.Keys | Where-Object { -not $_.EndsWith('#type') })) {
        '        ' + (($byParameter[$p] | Select-Object -Unique) -join ' ') + ' [' + $byParameter[$p + '#type'] + ']$' + $p
    }
    $binding = "[CmdletBinding(SupportsShouldProcess=`$true, ConfirmImpact='Low'"
    if ($DefaultSet) { $binding += ", DefaultParameterSetName='" + $DefaultSet + "'" }
    $binding += ')]'
    @(
        'function ' + $Name + ' {'
        '    ' + $binding
        '    param('
        ($params -join (",`n"))
        '    )'
        '    Invoke-SimCmdlet ''' + $Name + ''' $PSBoundParameters $PSCmdlet'
        '}'
    ) -join "`n"
}

# The cmdlets of $Version that the simulation implements, as one script text.
function New-SimExchangeSource([string]$Version, $Reference, $Table2007, [string[]]$Implemented) {
    $out = [System.Collections.Generic.List[string]]::new()
    foreach ($name in $Implemented) {
        if ($Version -eq '2007') {
            if (-not $Table2007.Contains($name)) { continue }
            $set = [ordered]@{}
            foreach ($p in $Table2007[$name]) {
                $type = 'Object'
                if ($Reference.Contains($name) -and $Reference[$name].parameters.Contains($p)) { $type = $Reference[$name].parameters[$p].type }
                $set[$p] = @{ type = $type; mandatory = $false; position = $null }
            }
            $out.Add((New-SimCmdletSource $name ([ordered]@{ 'Default' = $set }) 'Default'))
            continue
        }
        if (-not $Reference.Contains($name)) { continue }
        $c = $Reference[$name]
        if (@($c.applicable) -notcontains $Version) { continue }
        $sets = [ordered]@{}
        foreach ($setName in $c.parameterSets.Keys) {
            $set = [ordered]@{}
            $drop = $false
            foreach ($p in $c.parameterSets[$setName].Keys) {
                $info = $c.parameters[$p]
                if ($null -ne $info -and @($info.applicable) -notcontains $Version) {
                    # A set built around a parameter this version lacks does not exist in it.
                    if ($c.parameterSets[$setName][$p].mandatory -or $p -eq $setName) { $drop = $true }
                    continue
                }
                $set[$p] = $c.parameterSets[$setName][$p]
            }
            if (-not $drop -and $set.Count -gt 0) { $sets[$setName] = $set }
        }
        if ($sets.Count -eq 0) { $sets['Default'] = [ordered]@{} }
        # The reference does not say which set is the default: take the widest (Identity on a tie),
        # so that a call naming only optional parameters resolves as in Microsoft's examples.
        $default = @($sets.Keys | Sort-Object -Property @{ Expression = { $sets[$_].Count }; Descending = $true }, @{ Expression = { $_ -ne 'Identity' } })[0]
        $out.Add((New-SimCmdletSource $name $sets $default))
    }
    return ($out -join "`n`n")
}
