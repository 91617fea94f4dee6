/**
 * Requests known at synth (made locally, or read from a file) with an enterprise CA: the
 * submit script takes requests/<id>.req from the plan's folder, no request script is made
 * for them, and a key made off the server comes to each server as a PFX.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildPlan, CertificateIssuer, CertificateRequest, ExchangeVersion, renderScripts } from '../../src';
import { contoso } from '../fixtures/contoso';

const enterprise = CertificateIssuer.enterpriseCa({ caConfig: 'ca01.contoso.local\\Contoso Issuing CA' });

describe('enterprise CA with requests known at synth', () => {
  test('generateLocally: submit from the plan folder, then a PFX import; no request script', () => {
    const plan = buildPlan(contoso('sanCertificate', { exchangeVersion: ExchangeVersion.EXCHANGE_2019, issuer: enterprise, certificateRequest: CertificateRequest.generateLocally({ privateKeyPath: '../keys/exchange.key' }) }));
    const scripts = renderScripts(plan);
    assert.deepEqual(scripts.map((s) => s.path.replace(/^scripts\/\d\d-/, '')), [
      'submit-exchange-request-to-enterprise-ca.ps1',
      'import-exchange-certificate-server01.ps1',
      'distribute-enterprise-ca-certificate.ps1',
      'set-client-urls-server01.ps1',
      'verify-server01.ps1',
    ]);
    assert.match(scripts[0].content, /\$requestFile = Join-Path -Path \(Split-Path -Parent \$here\) -ChildPath 'requests\\exchange\.req'/);
    assert.match(scripts[0].content, /requests\/exchange\.req in the plan's folder/);
    assert.match(scripts[1].content, /openssl pkcs12 -export -inkey <the generateLocally key file> -in exchange\.cer -out exchange\.pfx/);
    assert.ok(!scripts.some((s) => s.content.includes('keys/exchange.key')), 'the key path stays out of the scripts');
  });
  test('fromFile: the checked request is submitted, then the pending request on the server is completed', () => {
    const plan = buildPlan(contoso('sanCertificate', { issuer: enterprise, certificateRequest: CertificateRequest.fromFile('request/exchange.req') }));
    const names = renderScripts(plan).map((s) => s.path.replace(/^scripts\/\d\d-/, ''));
    assert.deepEqual(names.slice(0, 2), ['submit-exchange-request-to-enterprise-ca.ps1', 'complete-exchange-certificate.ps1']);
    assert.match(renderScripts(plan)[0].content, /'requests\\exchange\.req'/);
  });
  test('onServer: the request script writes exchange.req next to the scripts and the submit script takes it there', () => {
    const scripts = renderScripts(buildPlan(contoso('sanCertificate', { issuer: enterprise })));
    assert.match(scripts[0].path, /request-exchange-certificate/);
    assert.match(scripts[1].content, /\$requestFile = Join-Path -Path \$here -ChildPath 'exchange\.req'/);
  });
});
