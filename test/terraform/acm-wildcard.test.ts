/**
 * ACM with wildcards through terraform validate and plan: a wildcard shares its apex's
 * validation record (one record, looked up under the apex), a wildcard without its apex is
 * looked up under the wildcard, the record count is known at plan time, and the
 * certificate waits for its CAA records.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { runApp, tempDir } from '../helpers/synth';
import { planStack, resourcesOf, skipWithoutTerraform } from '../helpers/terraform';

const skip = skipWithoutTerraform();

describe('ACM validation with wildcards', () => {
  test('folded onto the apex, keyed by names known at synth, planned by terraform', { skip }, () => {
    const outdir = tempDir('acm-wildcard');
    const r = runApp(require.resolve('../fixtures/acm-wildcard-app'), { CDKTF_OUTDIR: outdir });
    assert.equal(r.status, 0, r.stderr);

    const folded = path.join(outdir, 'stacks', 'folded');
    const json = JSON.parse(fs.readFileSync(path.join(folded, 'cdk.tf.json'), 'utf8'));
    assert.deepEqual(Object.keys(json.resource.aws_route53_record).filter((k) => k.startsWith('acm_')).sort(), [
      'acm_exchange_validation_autodiscover_contoso_com',
      'acm_exchange_validation_mail_contoso_com',
    ]);
    assert.match(json.resource.aws_route53_record.acm_exchange_validation_mail_contoso_com.name, /o\.domain_name == "mail\.contoso\.com"/);
    assert.deepEqual(json.resource.aws_acm_certificate.acm_exchange.depends_on, [
      'aws_route53_record.caa_autodiscover_contoso_com',
      'aws_route53_record.caa_mail_contoso_com',
    ]);
    const { validate, plan } = planStack(folded);
    assert.equal(validate.valid, true);
    const cert = resourcesOf(plan, 'aws_acm_certificate').get('acm_exchange')!;
    assert.deepEqual([...(cert.values.subject_alternative_names as string[])].sort(), ['*.mail.contoso.com', 'autodiscover.contoso.com', 'mail.contoso.com']);
    assert.equal(resourcesOf(plan, 'aws_acm_certificate_validation').size, 1);

    const only = path.join(outdir, 'stacks', 'wildcard-only');
    const json2 = JSON.parse(fs.readFileSync(path.join(only, 'cdk.tf.json'), 'utf8'));
    const rec = json2.resource.aws_route53_record.acm_exchange_validation_contoso_com;
    assert.ok(rec, 'the wildcard gets a record keyed by its apex');
    assert.match(rec.name, /o\.domain_name == "\*\.contoso\.com"/);
    assert.equal(planStack(only).validate.valid, true);
  });
});
