/**
 * What the scripts tell the admin about the issuer: how the request reaches the CA and
 * where the issued certificate file comes from. Text only; no policy is decided here.
 */
import { PlannedCertificate, PlannedIssuer } from '../model/types';

/** File names in the scripts folder on the server, per certificate. */
export interface CertificateFiles {
  readonly request: string;
  readonly issued: string;
  readonly chain: string;
  readonly pfx: string;
  readonly requestId: string;
}

export function certificateFiles(cert: PlannedCertificate): CertificateFiles {
  return {
    request: `${cert.id}.req`,
    issued: `${cert.id}.cer`,
    chain: `${cert.id}-chain.pem`,
    pfx: `${cert.id}.pfx`,
    requestId: `${cert.id}.requestid`,
  };
}

/** Terraform output names of an ACM Private CA certificate (see the Terraform renderer). */
export function acmPrivateCaOutputs(cert: PlannedCertificate): { pem: string; chain: string } {
  return { pem: `certificate_${cert.id}_pem`, chain: `certificate_${cert.id}_chain_pem` };
}

/** How the request gets signed, for the request script's header and closing message. */
export function howTheRequestIsSigned(issuer: PlannedIssuer, cert: PlannedCertificate): string[] {
  const f = certificateFiles(cert);
  switch (issuer.kind) {
    case 'publicCa':
      return [`Submit ${f.request} to ${issuer.displayName} (their order form takes the request text), then save the certificate they issue as ${f.issued} in this folder (PEM, DER or PKCS#7 all work).`];
    case 'acm':
      return [
        'The AWS Certificate Manager certificate for these names stays on the AWS load balancer in front of Exchange: ACM certificates cannot be exported with this provider version, so they never reach IIS.',
        `This server still needs its own certificate with the same names from another CA, for the load balancer to re-encrypt to: submit ${f.request} to that CA and save what it issues as ${f.issued} in this folder.`,
      ];
    case 'acmPrivateCa': {
      const o = acmPrivateCaOutputs(cert);
      return [
        `Bring ${f.request} to the machine that runs Terraform and give it to the plan (CertificateRequest.fromFile), so aws_acmpca_certificate has ${issuer.displayName} sign it on apply.`,
        `After terraform apply, save the outputs into this folder: terraform output -raw ${o.pem} > ${f.issued} and terraform output -raw ${o.chain} > ${f.chain} (in Windows PowerShell pipe to Out-File -Encoding ascii instead of >, which writes UTF-16).`,
      ];
    }
    case 'enterpriseCa':
      return [`The next script submits ${f.request} to the enterprise CA ${issuer.caConfig ?? ''} with the template ${issuer.template ?? 'WebServer'} and saves the result as ${f.issued}.`];
  }
}

/** What the install script needs before it can complete the request. */
export function issuedFileNeeds(issuer: PlannedIssuer, cert: PlannedCertificate): string[] {
  const f = certificateFiles(cert);
  if (issuer.kind === 'acmPrivateCa') {
    const o = acmPrivateCaOutputs(cert);
    return [
      `${f.issued} and ${f.chain} in this folder, saved from the Terraform outputs ${o.pem} and ${o.chain} (terraform output -raw ${o.pem} > ${f.issued}; terraform output -raw ${o.chain} > ${f.chain}; in Windows PowerShell use | Out-File -Encoding ascii).`,
      `The chain's root certificate is added to this server's Trusted Root store (and intermediates to Intermediate Certification Authorities) so the certificate is valid; clients must trust the same root (group policy for domain members, by hand elsewhere).`,
    ];
  }
  if (issuer.kind === 'enterpriseCa') return [`${f.issued} in this folder, written by the enterprise CA submit script.`];
  if (issuer.kind === 'acm') return [`${f.issued} in this folder: the certificate another CA issued for the same names as the ACM certificate on the load balancer (ACM's own certificate cannot be installed on the server).`];
  return [`${f.issued} in this folder: the certificate ${issuer.displayName} issued for ${f.request} (PEM, DER or PKCS#7).`];
}
