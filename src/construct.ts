import * as fs from 'node:fs';
import * as path from 'node:path';
import { Annotations, App, DISABLE_STACK_TRACE_IN_METADATA, TerraformAsset, TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { resolveCertificateRequests } from './csr';
import { buildPlan } from './model/plan';
import { ExchangePlan, PlannedCertificate } from './model/types';
import { PlanInputError } from './model/errors';
import { GeneratedFile } from './output/generated-file';
import { addPlanFiles } from './output/plan-files';
import { renderScripts } from './powershell';
import { ExchangeCertificatePlanProps } from './props';
import { buildReview, Review, reviewFiles } from './review';
import { coversText } from './review/review-findings';
import { checkReviewOutputDir, writeReviewFiles } from './review/review-output';
import { renderAcmCertificate, RenderedAcmCertificate } from './terraform/acm';
import { renderAcmPcaCertificate, renderRetainedIssuance } from './terraform/acmpca';
import { checkExistingValidationRecords, checkListenerArns, checkRetainedIssuances } from './model/issuer-options';
import { renderDnsRecords } from './terraform/dns';
import { AcmpcaCertificate } from '@cdktf/provider-aws/lib/acmpca-certificate';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';

/**
 * Plans an Exchange organisation's client-access certificates: the external DNS records
 * (Route53), ACM or ACM Private CA certificates where the issuer is AWS, and an asset
 * folder with the PowerShell scripts and the review document (PLAN.md, plan.json).
 *
 * Everything is computed and checked at construction: bad input throws a PlanInputError
 * naming the prop and value before anything is written.
 */
export class ExchangeCertificatePlan extends Construct {
  /** The computed plan (certificates, DNS records, client endpoints, findings). */
  public readonly plan!: ExchangePlan;
  /** The Route53 records, by planned record id ('a_mail_contoso_com'). */
  public readonly dnsRecords!: ReadonlyMap<string, Route53Record>;
  /** ACM certificates by planned certificate id, when the issuer is `acm()`. */
  public readonly acmCertificates!: ReadonlyMap<string, RenderedAcmCertificate>;
  /** ACM Private CA certificates by planned certificate id, when the issuer is `acmPrivateCa()` and a CSR is known at synth. */
  public readonly privateCaCertificates!: ReadonlyMap<string, AcmpcaCertificate>;
  /** The issuance of each of those certificates (`'exchange@1a2b3c4d'`), by planned certificate id. */
  public readonly privateCaIssuances!: ReadonlyMap<string, string>;
  /** The asset folder with the scripts, PLAN.md and plan.json. */
  public readonly planFiles!: TerraformAsset;
  /** The files in that folder, as rendered. */
  public readonly files!: readonly GeneratedFile[];
  /** The review: grouped coverage, the one list of findings (also the annotations) and the verdict. */
  public readonly review!: Review;

  constructor(scope: Construct, id: string, props: ExchangeCertificatePlanProps) {
    super(scope, id);
    // Annotations would otherwise carry stack traces with absolute paths into manifest.json.
    this.node.setContext(DISABLE_STACK_TRACE_IN_METADATA, true);
    const stack = TerraformStack.of(this);
    const other = stack.node.findAll().find((c) => c instanceof ExchangeCertificatePlan && c !== this);
    if (other) {
      throw new Error(`ExchangeCertificatePlan: stack '${stack.node.id}' already holds the plan '${other.node.path}'; give each Exchange organisation its own stack (outputs and asset names are per stack).`);
    }

    let checked: CheckedInputs;
    try {
      checked = checkInputs(props, App.of(this).outdir);
    } catch (e) {
      if (!(e instanceof PlanInputError) || process.env[CLI_REPORTS_ERROR_ANNOTATIONS] === undefined) throw e;
      this.reportInputErrorToCli(e);
      return;
    }
    const { reviewOutputDir, plan, retained, existingValidation, listenerArns, keyless, requests } = checked;
    this.plan = plan;
    // Said on stderr, not as an annotation: the output stays the same whether or not this
    // synth made the key.
    for (const cert of keyless) {
      process.stderr.write(`ExchangeCertificatePlan: a new key was made at ${cert.requestSource.privateKeyPath} for the '${cert.id}' certificate; applying its request issues a new certificate. If one made with a previous key is in service, restore that key instead.\n`);
    }
    for (const cert of plan.certificates.filter((c) => c.requestSource.kind === 'generateLocally' && !c.requestSource.requestRecordPath)) {
      Annotations.of(this).addWarning(
        `[EXC-LOCAL-KEY-UNRECORDED] The '${cert.id}' certificate's key is made on this machine without a requestRecordPath: where the key file is missing (a fresh clone, a CI runner) synth makes a new key, so a new certificate replacing the one in service. Remedy: give generateLocally() a committed requestRecordPath, so a missing key stops synth instead.`,
      );
    }

    this.dnsRecords = renderDnsRecords(this, plan.dnsRecords);
    const caa = plan.dnsRecords.filter((r) => r.type === 'CAA').map((r) => this.dnsRecords.get(r.id)!);

    const acm = new Map<string, RenderedAcmCertificate>();
    const pca = new Map<string, AcmpcaCertificate>();
    const issuances = new Map<string, string>();
    if (plan.issuer.kind === 'acm') {
      for (const cert of plan.certificates) {
        acm.set(cert.id, renderAcmCertificate(this, cert, plan.domainValidation.filter((v) => v.certificateId === cert.id), caa, existingValidation, listenerArns));
      }
    }
    if (plan.issuer.kind === 'acmPrivateCa') {
      for (const cert of plan.certificates) {
        const csrPem = requests[cert.id]?.csrPem;
        if (!csrPem) continue;
        const issuance = renderAcmPcaCertificate(this, cert, plan.issuer, csrPem);
        pca.set(cert.id, issuance.certificate);
        issuances.set(cert.id, issuance.label);
        for (const label of retained.filter((l) => l.startsWith(`${cert.id}@`) && l !== issuance.label)) {
          renderRetainedIssuance(this, label, plan.issuer, csrPem);
        }
      }
    }
    this.acmCertificates = acm;
    this.privateCaCertificates = pca;
    this.privateCaIssuances = issuances;

    const attached = [...renderScripts(plan), ...requestFiles(plan, requests)];
    this.review = buildReview(plan, attached);
    this.files = [...reviewFiles(this.review), ...attached];
    this.planFiles = addPlanFiles(this, 'plan-files', this.files);
    if (reviewOutputDir !== undefined) writeReviewFiles(process.cwd(), reviewOutputDir, this.files);

    this.renderOutputs();
    this.reportFindings(props.failOnWarnings === true);
  }

  /**
   * Under the cdktf CLI (`cdktf synth`, `diff`, `deploy`): the input errors become one error
   * annotation on this construct and the plan adds nothing to the stack. The CLI prints
   * error annotations once and stops before diff or deploy; a thrown error it would print
   * twice (live from the app's stderr, then again in its failure summary). Code that reads
   * this construct's fields afterwards gets the same PlanInputError.
   */
  private reportInputErrorToCli(error: PlanInputError): void {
    Annotations.of(this).addError(error.message);
    const fail = { get: (): never => { throw error; }, enumerable: true, configurable: false };
    for (const field of ['plan', 'dnsRecords', 'acmCertificates', 'privateCaCertificates', 'privateCaIssuances', 'planFiles', 'files', 'review']) {
      Object.defineProperty(this, field, fail);
    }
  }

  private renderOutputs(): void {
    const output = (id: string, value: unknown, description: string) => {
      const o = new TerraformOutput(this, id, { value, description, sensitive: false });
      o.overrideLogicalId(id);
    };
    for (const cert of this.plan.certificates) {
      output(`certificate_${cert.id}_names`, [...cert.names], `Names on the '${cert.id}' certificate, CN first`);
      const acm = this.acmCertificates.get(cert.id);
      if (acm) output(`certificate_${cert.id}_arn`, acm.validation.certificateArn, `ARN of the validated ACM certificate '${cert.id}' (attach it to the load balancer)`);
      const pca = this.privateCaCertificates.get(cert.id);
      if (pca) {
        output(`certificate_${cert.id}_pem`, pca.certificate, `The '${cert.id}' certificate signed by ACM Private CA (PEM); save it for the import script`);
        output(`certificate_${cert.id}_chain_pem`, pca.certificateChain, `The CA chain of the '${cert.id}' certificate (PEM)`);
        output(`certificate_${cert.id}_issuance`, this.privateCaIssuances.get(cert.id), `The issuance of the '${cert.id}' certificate now in service: list it in retainedIssuances before you apply a new request for it, so it stays valid until the servers have the new one`);
      }
    }
    output('public_hostnames', this.plan.publicHostnames.map((h) => h.name), 'Host names external clients use');
  }

  /**
   * One annotation per finding of the review (the list PLAN.md counts), errors and
   * warnings as such; with `failOnWarnings`, synth fails while any is left.
   */
  private reportFindings(failOnWarnings: boolean): void {
    const serverCount = this.plan.servers.length;
    for (const f of this.review.findings) {
      const text = `[${f.id}] ${f.message} (covers ${coversText(f, serverCount)}) Remedy: ${f.remedy}`;
      if (f.severity === 'error') Annotations.of(this).addError(text);
      else if (f.severity === 'warning') Annotations.of(this).addWarning(text);
      else Annotations.of(this).addInfo(text);
    }
    if (failOnWarnings) {
      const { errors, warnings, headline } = this.review.verdict;
      this.node.addValidation({
        validate: () => (errors + warnings > 0 ? [`failOnWarnings: the review has ${headline}; see the warnings above or PLAN.md, Findings`] : []),
      });
    }
  }
}

/**
 * The requests known at synth (read from a file or made here) as `requests/<id>.req`, so
 * whoever submits them to the CA takes them from the reviewed folder. A request holds only
 * the public key.
 */
function requestFiles(plan: ExchangePlan, requests: Readonly<Record<string, { csrPem?: string }>>): GeneratedFile[] {
  return plan.certificates
    .filter((c) => requests[c.id]?.csrPem)
    .map((c) => ({
      path: `requests/${c.id}.req`,
      content: requests[c.id].csrPem!,
      summary: `The '${c.id}' certificate request (${c.requestSource.kind === 'fromFile' ? 'from the server, checked against the plan' : 'made on this machine; the key stays there'}): ${c.names.join(', ')}.`,
    }));
}

/**
 * Set by the cdktf CLI for the app it runs: the CLI collects error annotations, prints them
 * and stops, so the app need not throw on them (cdktf's own stacks read it the same way).
 */
const CLI_REPORTS_ERROR_ANNOTATIONS = 'CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS';

/** Everything checked before the first resource exists. */
interface CheckedInputs {
  readonly reviewOutputDir: string | undefined;
  readonly plan: ExchangePlan;
  readonly retained: ReturnType<typeof checkRetainedIssuances>;
  readonly existingValidation: ReturnType<typeof checkExistingValidationRecords>;
  readonly listenerArns: ReturnType<typeof checkListenerArns>;
  /** Locally made certificates whose key file is missing (a new key is made now). */
  readonly keyless: readonly PlannedCertificate[];
  readonly requests: ReturnType<typeof resolveCertificateRequests>;
}

/**
 * The props' checks, the plan, and the certificate requests (read and checked from files, or
 * made locally): every refusal happens here, before any resource exists.
 */
function checkInputs(props: ExchangeCertificatePlanProps, outdir: string): CheckedInputs {
  const reviewOutputDir = checkReviewOutputDir(props.reviewOutputDir);
  const plan = buildPlan(props);
  const retained = checkRetainedIssuances(plan, props.issuer.acmPrivateCaOptions?.retainedIssuances);
  const existingValidation = checkExistingValidationRecords(plan, props.issuer.acmOptions?.existingValidationRecords);
  const listenerArns = checkListenerArns(props.issuer.acmOptions?.listenerArns);
  const keyless = plan.certificates.filter((c) => c.requestSource.kind === 'generateLocally' && !fs.existsSync(path.resolve(c.requestSource.privateKeyPath!)));
  const requests = resolveCertificateRequests(plan, { outdir });
  return { reviewOutputDir, plan, retained, existingValidation, listenerArns, keyless, requests };
}
