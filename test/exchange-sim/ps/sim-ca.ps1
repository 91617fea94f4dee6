# The throwaway certification authority: openssl signs the requests the simulated servers
# make (openssl ca, so any validity period can be given). The CA folder is made by the node
# harness (ca.ts): root.pem, issuing.pem/.key (trusted chain), rogue.pem/.key (a root no
# server trusts), index.txt and serial.
#
# Faults, as the CA may answer: 'otherNames' (a name replaced by another), 'untrusted'
# (signed by the rogue root), 'expired' (valid last month), 'revoked' (issued, then
# revoked: the servers see it as Revoked), 'pending' (held for a certificate manager).

function Read-SimRequest([string]$Path) {
    $bytes = [System.IO.File]::ReadAllBytes($Path)
    $text = if ($bytes.Length -gt 1 -and ($bytes[1] -eq 0 -or ($bytes[0] -eq 0xFF -and $bytes[1] -eq 0xFE))) { [System.Text.Encoding]::Unicode.GetString($bytes) } else { [System.Text.Encoding]::ASCII.GetString($bytes) }
    $m = [regex]::Match($text, '-----BEGIN (NEW )?CERTIFICATE REQUEST-----([A-Za-z0-9+/=\s]+)-----END')
    if (-not $m.Success) { throw ('Not a certificate request: ' + $Path) }
    $der = [System.Convert]::FromBase64String(($m.Groups[2].Value -replace '\s', ''))
    return $der
}

function Invoke-SimOpenSsl([string[]]$Arguments) {
    $out = & openssl @Arguments 2>&1
    if ($LASTEXITCODE -ne 0) { throw ('openssl ' + ($Arguments -join ' ') + ' failed: ' + ($out -join ' ')) }
}

# Signs the request file; writes the issued certificate (PEM: certificate, then the issuing
# CA) to $OutFile. Returns the certificate's thumbprint.
function Invoke-SimCaIssue([string]$RequestFile, [string]$OutFile, $Ca, [string]$Fault, [string]$Format = 'pemChain') {
    $der = Read-SimRequest $RequestFile
    $req = [System.Security.Cryptography.X509Certificates.CertificateRequest]::LoadSigningRequest($der, [System.Security.Cryptography.HashAlgorithmName]::SHA256, [System.Security.Cryptography.X509Certificates.CertificateRequestLoadOptions]::UnsafeLoadCertificateExtensions)
    $names = [System.Collections.Generic.List[string]]::new()
    foreach ($ext in $req.CertificateExtensions) {
        if ($ext.Oid.Value -eq '2.5.29.17') {
            $san = [System.Security.Cryptography.X509Certificates.X509SubjectAlternativeNameExtension]::new($ext.RawData, $ext.Critical)
            foreach ($n in $san.EnumerateDnsNames()) { $names.Add($n) }
        }
    }
    if ($names.Count -eq 0) { $names.Add($req.SubjectName.Name -replace '^.*CN=([^,]+).*$', '$1') }
    if ($Fault -eq 'otherNames') { $names[$names.Count - 1] = 'other.example.net' }
    if ($Fault -eq 'wildcardApex') {
        foreach ($n in @($names)) { if ($n.StartsWith('*.')) { $apex = $n.Substring(2); if (-not $names.Contains($apex)) { $names.Add($apex) } } }
    }
    $work = Join-Path $Ca.dir ('work-' + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $work | Out-Null
    try {
        $reqPem = Join-Path $work 'req.pem'
        [System.IO.File]::WriteAllText($reqPem, "-----BEGIN CERTIFICATE REQUEST-----`n" + [System.Convert]::ToBase64String($der, 'InsertLineBreaks') + "`n-----END CERTIFICATE REQUEST-----`n")
        $ext = Join-Path $work 'ext.cnf'
        [System.IO.File]::WriteAllText($ext, "[v3]`nbasicConstraints=critical,CA:FALSE`nkeyUsage=critical,digitalSignature,keyEncipherment`nextendedKeyUsage=serverAuth,clientAuth`nsubjectAltName=" + (($names | ForEach-Object { 'DNS:' + $_ }) -join ',') + "`n")
        $issuer = 'issuing'
        if ($Fault -eq 'untrusted') { $issuer = 'rogue' }
        # 'otherIssuer': the second issuing CA under the same root (an intermediate rotation);
        # 'older': issued 60 days ago (an earlier certificate that is still valid). They combine: 'otherIssuer,older'.
        $faults = @($Fault -split ',')
        if ($faults -contains 'otherIssuer') { $issuer = 'issuing2' }
        $now = [DateTime]::UtcNow.AddDays([double]$global:SimWorld.clockOffsetDays)
        $start = $now.AddDays(-1)
        $end = $now.AddDays(90)
        if ($Fault -eq 'expired') { $start = $now.AddDays(-60); $end = $now.AddDays(-2) }
        if ($faults -contains 'older') { $start = $now.AddDays(-60); $end = $now.AddDays(30) }
        $out = Join-Path $work 'cert.pem'
        Invoke-SimOpenSsl @('ca', '-batch', '-notext', '-config', (Join-Path $Ca.dir 'ca.cnf'), '-name', $issuer, '-in', $reqPem, '-out', $out,
            '-startdate', ($start.ToString('yyyyMMddHHmmss') + 'Z'), '-enddate', ($end.ToString('yyyyMMddHHmmss') + 'Z'), '-extfile', $ext, '-extensions', 'v3', '-preserveDN')
        $leaf = [System.Security.Cryptography.X509Certificates.X509Certificate2]::CreateFromPem([System.IO.File]::ReadAllText($out))
        $chain = [System.IO.File]::ReadAllText((Join-Path $Ca.dir ($issuer + '.pem')))
        $leafPem = $leaf.ExportCertificatePem() + "`n"
        switch ($Format) {
            'pem' { [System.IO.File]::WriteAllText($OutFile, $leafPem) }
            'der' { [System.IO.File]::WriteAllBytes($OutFile, $leaf.RawData) }
            default { [System.IO.File]::WriteAllText($OutFile, $leafPem + $chain) }
        }
        if ($Fault -eq 'revoked') { $global:SimWorld.revoked = @($global:SimWorld.revoked) + $leaf.Thumbprint }
        return $leaf.Thumbprint
    } finally {
        Remove-Item -LiteralPath $work -Recurse -Force
    }
}
