/** The options given to the issuer factories. */
import { CertificateIssuer } from '../../issuer';
import { InputProblems } from '../input-problems';

export function checkIssuerOptions(issuer: CertificateIssuer, problems: InputProblems): void {
  if (issuer.maxNamesPerCertificate !== undefined) {
    const n = issuer.maxNamesPerCertificate;
    if (!Number.isInteger(n) || n < 1 || n > 100) {
      problems.add('issuer.maxNamesPerCertificate', n, 'must be a whole number from 1 to 100 (ACM allows at most 100 names per certificate).', "give your account's ACM quota (10 unless raised), or leave it out.");
    }
  }
  if (issuer.validityDays !== undefined && (!Number.isInteger(issuer.validityDays) || issuer.validityDays < 1 || issuer.validityDays > 3650)) {
    problems.add('issuer.validityDays', issuer.validityDays, 'must be a whole number of days from 1 to 3650.', 'give the lifetime the CA issues, in days, or leave it out.');
  }
  const pca = issuer.acmPrivateCaOptions;
  if (pca && (typeof pca.certificateAuthorityArn !== 'string' || !/^arn:aws[a-z-]*:acm-pca:[a-z0-9-]+:\d{12}:certificate-authority\/[0-9a-f-]{36}$/.test(pca.certificateAuthorityArn))) {
    problems.add('issuer.certificateAuthorityArn', pca.certificateAuthorityArn, 'is not an ACM Private CA ARN.', 'give the ARN as the ACM Private CA console shows it: arn:aws:acm-pca:<region>:<account>:certificate-authority/<uuid>.');
  }
  const ent = issuer.enterpriseCaOptions;
  if (ent) {
    if (typeof ent.caConfig !== 'string' || !/^[A-Za-z0-9.-]+\\[^\\\u0000-\u001f"]+$/.test(ent.caConfig)) {
      problems.add('issuer.caConfig', ent.caConfig, "is not a CA configuration string '<CA host FQDN>\\<CA common name>'.", "give it as 'certutil -dump' on a domain member shows it (Config:), like 'ca01.contoso.local\\Contoso Issuing CA'.");
    }
    if (ent.template !== undefined && (typeof ent.template !== 'string' || !/^[A-Za-z0-9 _.-]{1,64}$/.test(ent.template))) {
      problems.add('issuer.template', ent.template, 'is not a certificate template name (letters, digits, spaces, dots, dashes or underscores).', "give the template's name (not its display name), like 'WebServer'.");
    }
  }
}
