/**
 * The private key scanner the synth-output and state tests rely on: it must find keys in
 * every form a careless renderer could leak them, and stay quiet on requests, certificates
 * and public keys, which the output legitimately holds.
 */
import assert from 'node:assert/strict';
import { createHash, generateKeyPairSync, KeyObject } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { findPrivateKeyMaterial } from './secret-scan';
import { opensslOk, tempDir } from './openssl';

describe('findPrivateKeyMaterial', () => {
  const dir = tempDir('secret-scan');
  let rsa: KeyObject;
  let rsaPublic: KeyObject;
  let ec: KeyObject;
  let ed: KeyObject;
  let pfx: Buffer;
  let csrPem: string;
  let certPem: string;

  before(() => {
    ({ privateKey: rsa, publicKey: rsaPublic } = generateKeyPairSync('rsa', { modulusLength: 1024 }));
    ({ privateKey: ec } = generateKeyPairSync('ec', { namedCurve: 'P-256' }));
    ({ privateKey: ed } = generateKeyPairSync('ed25519'));
    const keyPath = join(dir.path, 'k.pem');
    writeFileSync(keyPath, rsa.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    csrPem = opensslOk(['req', '-new', '-key', keyPath, '-subj', '/C=US/O=Contoso Inc/CN=mail.contoso.com']);
    certPem = opensslOk(['req', '-x509', '-new', '-key', keyPath, '-subj', '/CN=mail.contoso.com', '-days', '1']);
    const certPath = join(dir.path, 'c.pem');
    writeFileSync(certPath, certPem);
    const pfxPath = join(dir.path, 'k.pfx');
    opensslOk(['pkcs12', '-export', '-inkey', keyPath, '-in', certPath, '-out', pfxPath, '-passout', 'pass:test']);
    pfx = readFileSync(pfxPath);
  });
  after(() => dir.dispose());

  const pem = (k: KeyObject, type: 'pkcs1' | 'pkcs8' | 'sec1', extra: object = {}) => k.export({ type, format: 'pem', ...extra } as never) as unknown as string;
  const der = (k: KeyObject, type: 'pkcs1' | 'pkcs8' | 'sec1') => k.export({ type, format: 'der' } as never) as unknown as Buffer;

  test('finds PEM private keys of every kind: PKCS#1, PKCS#8, encrypted PKCS#8, SEC1 EC, OpenSSH, PGP', () => {
    assert.deepEqual(findPrivateKeyMaterial(pem(rsa, 'pkcs1')).filter((f) => f.startsWith('PEM')), ['PEM RSA PRIVATE KEY block at offset 0']);
    assert.match(findPrivateKeyMaterial(pem(rsa, 'pkcs8')).join('|'), /PEM PRIVATE KEY block at offset 0/);
    assert.match(findPrivateKeyMaterial(pem(rsa, 'pkcs8', { cipher: 'aes-256-cbc', passphrase: 'x' })).join('|'), /PEM ENCRYPTED PRIVATE KEY block/);
    assert.match(findPrivateKeyMaterial(pem(ec, 'sec1')).join('|'), /PEM EC PRIVATE KEY block/);
    const sshKey = join(dir.path, 'id_ed25519');
    const keygen = spawnSync('ssh-keygen', ['-t', 'ed25519', '-N', '', '-q', '-f', sshKey]);
    if (keygen.status === 0) {
      const openssh = readFileSync(sshKey, 'utf8');
      assert.match(findPrivateKeyMaterial(openssh).join('|'), /PEM OPENSSH PRIVATE KEY block/);
      const body = openssh.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '');
      assert.match(findPrivateKeyMaterial(Buffer.from(body, 'base64')).join('|'), /binary OpenSSH private key/);
      assert.match(findPrivateKeyMaterial(body).join('|'), /base64 OpenSSH private key/);
    }
    assert.match(findPrivateKeyMaterial('-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n').join('|'), /PEM OPENSSH PRIVATE KEY block/);
    assert.match(findPrivateKeyMaterial('-----BEGIN PGP PRIVATE KEY BLOCK-----').join('|'), /PEM PGP PRIVATE KEY BLOCK block/);
  });

  test('finds the PEM body alone, without headers (base64 DER RSAPrivateKey, PKCS#8, SEC1, Ed25519, encrypted)', () => {
    assert.match(findPrivateKeyMaterial(der(rsa, 'pkcs1').toString('base64')).join('|'), /base64 DER RSAPrivateKey at offset 0/);
    assert.match(findPrivateKeyMaterial(der(rsa, 'pkcs8').toString('base64')).join('|'), /base64 DER PKCS#8 PrivateKeyInfo/);
    assert.match(findPrivateKeyMaterial(der(ec, 'sec1').toString('base64')).join('|'), /base64 DER EC private key \(SEC1\)/);
    assert.match(findPrivateKeyMaterial(der(ec, 'pkcs8').toString('base64')).join('|'), /base64 DER PKCS#8 PrivateKeyInfo/);
    assert.match(findPrivateKeyMaterial(der(ed, 'pkcs8').toString('base64')).join('|'), /base64 DER PKCS#8 PrivateKeyInfo/);
    const encrypted = (rsa.export({ type: 'pkcs8', format: 'der', cipher: 'aes-256-cbc', passphrase: 'x' }) as Buffer).toString('base64');
    assert.match(findPrivateKeyMaterial(encrypted).join('|'), /base64 DER EncryptedPrivateKeyInfo/);
  });

  test('finds a key inside a JSON string with escaped line breaks, as in cdk.tf.json or a Terraform state', () => {
    const body = pem(rsa, 'pkcs1').replace(/-----[A-Z ]+-----/g, '').trim();
    const state = JSON.stringify({ resources: [{ instances: [{ attributes: { private_key: body, id: 'x' } }] }] }, null, 2);
    assert.match(state, /\\n/);
    const found = findPrivateKeyMaterial(state);
    assert.equal(found.length, 1, found.join('|'));
    assert.match(found[0], /^base64 DER RSAPrivateKey at offset \d+$/);
    const shifted = JSON.stringify({ v: `x\n${der(rsa, 'pkcs8').toString('base64')}` });
    assert.match(findPrivateKeyMaterial(shifted).join('|'), /PKCS#8/);
  });

  test('finds PKCS#12 (PFX) files, raw and in base64, and raw DER keys in binary files', () => {
    assert.match(findPrivateKeyMaterial(pfx).join('|'), /binary DER PKCS#12 \(PFX\) at offset 0/);
    assert.match(findPrivateKeyMaterial(pfx.toString('base64')).join('|'), /base64 DER PKCS#12 \(PFX\) at offset 0/);
    assert.match(findPrivateKeyMaterial(Buffer.concat([Buffer.from('asset header\n'), der(rsa, 'pkcs1')])).join('|'), /binary DER RSAPrivateKey at offset 13/);
    assert.match(findPrivateKeyMaterial(Buffer.from('openssh-key-v1\0none\0', 'latin1')).join('|'), /OpenSSH private key/);
  });

  test('finds keys in UTF-16LE files and JWK private keys', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(pem(rsa, 'pkcs1'), 'utf16le')]);
    assert.match(findPrivateKeyMaterial(utf16).join('|'), /PEM RSA PRIVATE KEY block at offset \d+ \(UTF-16\)/);
    assert.match(findPrivateKeyMaterial(JSON.stringify(rsa.export({ format: 'jwk' }))).join('|'), /JWK private key/);
    assert.deepEqual(findPrivateKeyMaterial(JSON.stringify(rsaPublic.export({ format: 'jwk' }))), []);
  });

  test('never echoes the secret in a finding', () => {
    const body = der(rsa, 'pkcs1').toString('base64');
    for (const f of findPrivateKeyMaterial(`${pem(rsa, 'pkcs1')}\n${body}`)) assert.doesNotMatch(f, /MII/);
  });

  test('stays quiet on what the output may hold: requests, certificates, public keys, hashes', () => {
    const certDer = Buffer.from(certPem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, ''), 'base64');
    const csrDer = Buffer.from(csrPem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, ''), 'base64');
    const harmless = [
      csrPem,
      csrPem.replace(/CERTIFICATE REQUEST/g, 'NEW CERTIFICATE REQUEST'),
      certPem,
      rsaPublic.export({ type: 'spki', format: 'pem' }) as string,
      rsaPublic.export({ type: 'pkcs1', format: 'pem' }) as string,
      JSON.stringify({ resource: { aws_acmpca_certificate: { exchange: { certificate_signing_request: csrPem, signing_algorithm: 'SHA256WITHRSA' } } } }),
      createHash('sha256').update('contoso').digest('base64').repeat(40),
    ];
    for (const text of harmless) assert.deepEqual(findPrivateKeyMaterial(text), [], text.slice(0, 60));
    assert.deepEqual(findPrivateKeyMaterial(certDer), []);
    assert.deepEqual(findPrivateKeyMaterial(csrDer), []);
    // A megabyte of pseudo-random bytes, raw and in base64, gives no false alarm.
    const noise = Buffer.concat(Array.from({ length: 32768 }, (_, i) => createHash('sha256').update(String(i)).digest()));
    assert.deepEqual(findPrivateKeyMaterial(noise), []);
    assert.deepEqual(findPrivateKeyMaterial(noise.toString('base64')), []);
  });
});
