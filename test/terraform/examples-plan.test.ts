/**
 * Every example synthesizes, and the real terraform CLI with the AWS provider 5.100.0
 * (local mirror, offline) accepts it: init, validate, plan -refresh=false. The planned
 * values are compared with the plan model: each record's name, type, TTL and values, and
 * each ACM certificate's names.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { exampleNames, synthExample, tempDir } from '../helpers/synth';
import { loadExamplePlan } from '../helpers/examples';
import { planStack, resourcesOf, skipWithoutTerraform } from '../helpers/terraform';

const skip = skipWithoutTerraform();

for (const name of exampleNames()) {
  describe(`example ${name}`, () => {
    test('terraform validate and plan accept it, and the planned values match the model', { skip }, () => {
      const synth = synthExample(name, tempDir(`synth-${name}`));
      assert.equal(synth.status, 0, `synth failed:\n${synth.stderr}\n${synth.stdout}`);
      const { validate, plan } = planStack(synth.stackDir);
      assert.equal(validate.valid, true, JSON.stringify(validate.diagnostics));
      assert.equal(validate.error_count, 0);

      const model = loadExamplePlan(name).plan;
      const records = resourcesOf(plan, 'aws_route53_record');
      for (const r of model.dnsRecords) {
        const planned = records.get(r.id);
        assert.ok(planned, `record ${r.id} (${r.type} ${r.name}) is not in the terraform plan`);
        assert.equal(planned.values.name, r.name);
        assert.equal(planned.values.type, r.type);
        assert.equal(planned.values.ttl, r.ttl);
        assert.equal(planned.values.zone_id, r.zoneId);
        assert.deepEqual([...(planned.values.records as string[])].sort(), [...r.values].sort(), `values of ${r.id}`);
      }

      const acm = resourcesOf(plan, 'aws_acm_certificate');
      const validationRecords = [...records.keys()].filter((k) => k.startsWith('acm_'));
      if (model.issuer.kind === 'acm') {
        for (const cert of model.certificates) {
          const planned = acm.get(`acm_${cert.id}`);
          assert.ok(planned, `ACM certificate ${cert.id} is not planned`);
          assert.equal(planned.values.domain_name, cert.names[0]);
          assert.deepEqual([...(planned.values.subject_alternative_names as string[])].sort(), [...cert.names].sort(), 'ACM lists the CN among the SANs too');
          assert.equal(planned.values.validation_method, 'DNS');
        }
        // One validation record per name, wildcards folded onto their apex.
        const expected = model.certificates.flatMap((c) => [...new Set(c.names.map((n) => n.replace(/^\*\./, '')))]);
        assert.equal(validationRecords.length, expected.length);
        assert.equal(resourcesOf(plan, 'aws_acm_certificate_validation').size, model.certificates.length);
      } else {
        assert.equal(acm.size, 0);
        assert.equal(validationRecords.length, 0);
      }
      assert.equal(records.size, model.dnsRecords.length + validationRecords.length, 'no record beyond the model');

      const pca = resourcesOf(plan, 'aws_acmpca_certificate');
      if (model.issuer.kind === 'acmPrivateCa') {
        for (const cert of model.certificates.filter((c) => c.requestSource.kind !== 'onServer')) {
          // One resource per issuance: acmpca_<id>_<8 hex digits of the request's hash>.
          const planned = [...pca.values()].find((r) => new RegExp(`^acmpca_${cert.id}_[0-9a-f]{8}$`).test(r.name));
          assert.ok(planned, `ACM Private CA certificate ${cert.id} is not planned`);
          assert.equal(planned.values.certificate_authority_arn, model.issuer.certificateAuthorityArn);
          assert.equal(planned.values.signing_algorithm, model.issuer.signingAlgorithm);
          assert.deepEqual(planned.values.validity, [{ type: 'DAYS', value: String(cert.validityDays) }]);
          assert.match(String(planned.values.certificate_signing_request), /^-----BEGIN CERTIFICATE REQUEST-----\n[A-Za-z0-9+/=\n]+-----END CERTIFICATE REQUEST-----\n?$/);
        }
      } else {
        assert.equal(pca.size, 0);
      }

      const outputs = plan.planned_values.outputs ?? {};
      for (const cert of model.certificates) {
        assert.deepEqual(outputs[`certificate_${cert.id}_names`]?.value, [...cert.names]);
      }
      assert.deepEqual(outputs.public_hostnames?.value, model.publicHostnames.map((h) => h.name));
    });
  });
}
