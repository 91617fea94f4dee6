/**
 * CertificateRequest.generateLocally(): the key made here with Node's crypto stays in a
 * 0600 file outside the output and the repository; the request is signed with node-forge
 * and openssl agrees with it.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { checkRequestAgainstPlan, generateLocalRequest, parseCertificateRequest } from '../../src/csr';
import { PlanInputError } from '../../src/model/errors';
import { buildPlan } from '../../src/model/plan';
import { contoso, modernTwoServers } from '../fixtures/contoso';
import { opensslKey, opensslOk, opensslRequestText, opensslVerifiesRequest, tempDir } from './openssl';
import { findPrivateKeyMaterial } from './secret-scan';

const git = (cwd: string, ...args: string[]) => {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
};

describe('Contoso, SAN certificate, request generated locally for ACM Private CA', () => {
  const work = tempDir('csr-generate');
  const outdir = join(work.path, 'project', 'cdktf.out');
  const keyDir = join(work.path, 'keys', 'contoso');
  const keyPath = join(keyDir, 'exchange.key');
  const cert = buildPlan(contoso('sanCertificate')).certificates[0];
  let first: { csrPem: string; keyCreated: boolean };

  before(() => {
    first = generateLocalRequest(cert, { privateKeyPath: keyPath, outdir });
  });
  after(() => work.dispose());

  test('openssl verifies the request and shows the planned subject and names, CN first', () => {
    assert.ok(opensslVerifiesRequest(first.csrPem), 'openssl req -verify');
    const text = opensslRequestText(first.csrPem);
    assert.match(text, /Subject: C ?= ?US, O ?= ?Contoso Inc, CN ?= ?mail\.contoso\.com\n/);
    assert.match(text, /DNS:mail\.contoso\.com, DNS:autodiscover\.contoso\.com\n/);
    assert.match(text, /Public-Key: \(2048 bit\)/);
    assert.match(text, /Signature Algorithm: sha256WithRSAEncryption/);
  });

  test('the request passes the same check as a file from the server', () => {
    checkRequestAgainstPlan(parseCertificateRequest(Buffer.from(first.csrPem), 'generated'), cert, 'generated');
  });

  test('the key is written 0600 in a 0700 folder, and the request carries its public key', () => {
    assert.equal(first.keyCreated, true);
    assert.equal(statSync(keyPath).mode & 0o777, 0o600);
    assert.equal(statSync(keyDir).mode & 0o777, 0o700);
    const fromKey = opensslOk(['pkey', '-in', keyPath, '-pubout']);
    const fromRequest = opensslOk(['req', '-noout', '-pubkey'], first.csrPem);
    assert.equal(fromRequest, fromKey);
  });

  test('the request holds no private key', () => {
    assert.deepEqual(findPrivateKeyMaterial(first.csrPem), []);
    assert.doesNotMatch(JSON.stringify(first), /PRIVATE/);
  });

  test('a second synth reuses the key and gives the very same request', () => {
    const keyBefore = readFileSync(keyPath);
    const second = generateLocalRequest(cert, { privateKeyPath: keyPath, outdir });
    assert.equal(second.keyCreated, false);
    assert.equal(second.csrPem, first.csrPem);
    assert.deepEqual(readFileSync(keyPath), keyBefore);
  });

  test('a key path inside the synth output folder is refused and nothing is written', () => {
    const inside = join(outdir, 'stacks', 'exchange', 'exchange.key');
    assert.throws(
      () => generateLocalRequest(cert, { privateKeyPath: inside, outdir }),
      (e: unknown) => e instanceof PlanInputError && e.prop === 'certificateRequest' && /certificate 'exchange': the private key path lies inside the synth output folder/.test(e.message),
    );
    assert.equal(existsSync(inside), false);
    assert.equal(existsSync(outdir), false);
  });

  test('an existing key readable by others, or shorter than planned, is refused', () => {
    const loose = join(work.path, 'keys', 'loose.key');
    writeFileSync(loose, readFileSync(keyPath), { mode: 0o644 });
    chmodSync(loose, 0o644);
    assert.throws(() => generateLocalRequest(cert, { privateKeyPath: loose, outdir }), /the existing key file is readable by others \(mode 0644\)/);
    const short = opensslKey(join(work.path, 'keys'), 'short', 1024);
    chmodSync(short, 0o600);
    assert.throws(() => generateLocalRequest(cert, { privateKeyPath: short, outdir }), /the existing key is RSA 1024 bits; the plan needs at least 2048/);
  });

  test('Contoso Ltd, London (Exchange 2019): L is in the subject, three names on the request', () => {
    const modern = buildPlan(modernTwoServers()).certificates[0];
    const r = generateLocalRequest(modern, { privateKeyPath: join(work.path, 'keys', 'modern.key'), outdir });
    const text = opensslRequestText(r.csrPem);
    assert.match(text, /Subject: C ?= ?GB, L ?= ?London, O ?= ?Contoso Ltd, CN ?= ?mail\.contoso\.com\n/);
    assert.match(text, /DNS:mail\.contoso\.com, DNS:autodiscover\.contoso\.com, DNS:autodiscover\.fabrikam\.com\n/);
  });
});

describe('generateLocally inside a git repository: only git-ignored paths are accepted', () => {
  const work = tempDir('csr-git');
  const repo = join(work.path, 'infra');
  const outdir = join(repo, 'cdktf.out');
  const cert = buildPlan(contoso('singleName')).certificates[0];
  const keyFile = join(work.path, 'existing.key');

  before(() => {
    mkdirSync(repo);
    git(repo, 'init', '-q');
    // The project's own .gitignore ignores these two patterns.
    writeFileSync(join(repo, '.gitignore'), 'secrets/\n*.key\n');
    // One key for the whole suite, so each case does not make its own.
    generateLocalRequest(cert, { privateKeyPath: keyFile, outdir });
  });
  after(() => work.dispose());

  test("a path under the ignored 'secrets/' folder is accepted and the folder is made 0700", () => {
    const path = join(repo, 'secrets', 'contoso', 'exchange.pem');
    generateLocalRequest(cert, { privateKeyPath: path, outdir });
    assert.equal(statSync(path).mode & 0o777, 0o600);
    assert.equal(statSync(join(repo, 'secrets')).mode & 0o777, 0o700);
  });

  test("a '*.key' file anywhere in the repository is accepted", () => {
    mkdirSync(join(repo, 'keys'), { recursive: true });
    writeFileSync(join(repo, 'keys', 'exchange.key'), readFileSync(keyFile), { mode: 0o600 });
    const r = generateLocalRequest(cert, { privateKeyPath: join(repo, 'keys', 'exchange.key'), outdir });
    assert.equal(r.keyCreated, false);
  });

  test('a path git does not ignore is refused with the path git was asked about, and nothing is written', () => {
    const path = join(repo, 'keys', 'exchange.pem');
    assert.throws(
      () => generateLocalRequest(cert, { privateKeyPath: path, outdir }),
      (e: unknown) => e instanceof PlanInputError && /inside a git repository and git does not ignore 'keys\/exchange\.pem', so the key could be committed/.test(e.message) && /Fix: keep keys outside the project/.test(e.message),
    );
    assert.equal(existsSync(path), false);
  });

  test('an ignored name that is tracked anyway is refused (git check-ignore answers for tracked files)', () => {
    const tracked = join(repo, 'tracked.key');
    writeFileSync(tracked, readFileSync(keyFile), { mode: 0o600 });
    git(repo, 'add', '-f', 'tracked.key');
    assert.throws(() => generateLocalRequest(cert, { privateKeyPath: tracked, outdir }), /git does not ignore 'tracked\.key'/);
  });

  test('without git the repository cannot be asked, so the path is refused; outside any repository it is fine', () => {
    const noGit = { outdir, gitCommand: join(work.path, 'no-such-git') };
    assert.throws(
      () => generateLocalRequest(cert, { ...noGit, privateKeyPath: join(repo, 'secrets', 'other.pem') }),
      /inside a git repository and git could not be run \(ENOENT\) to confirm the path is ignored/,
    );
    assert.doesNotThrow(() => generateLocalRequest(cert, { ...noGit, privateKeyPath: keyFile }));
  });
});
