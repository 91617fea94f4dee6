/** Where the certificate signing requests come from. */
import { CertificateRequest } from '../../certificate-request';
import { CertificateIssuer } from '../../issuer';
import { ExchangeCertificatePlanProps } from '../../props';
import { InputProblems } from '../input-problems';

export interface RequestSources {
  readonly certificateRequest: CertificateRequest;
  readonly certificateRequests: Record<string, CertificateRequest>;
}

const FACTORIES = 'use CertificateRequest.onServer(), fromFile(path) or generateLocally({ privateKeyPath }).';

export function checkRequestSources(props: ExchangeCertificatePlanProps, issuer: CertificateIssuer | undefined, problems: InputProblems): RequestSources | undefined {
  const before = problems.count;
  const certificateRequest = props.certificateRequest ?? CertificateRequest.onServer();
  if (!(certificateRequest instanceof CertificateRequest)) problems.add('certificateRequest', props.certificateRequest, 'is not a CertificateRequest.', FACTORIES);
  const certificateRequests: Record<string, CertificateRequest> = {};
  for (const [id, req] of Object.entries(props.certificateRequests ?? {})) {
    if (req instanceof CertificateRequest) certificateRequests[id] = req;
    else problems.add(`certificateRequests.${id}`, req, 'is not a CertificateRequest.', FACTORIES);
  }
  if (problems.count > before) return undefined;
  if (issuer?.kind === 'acm') {
    const all = [['certificateRequest', certificateRequest] as const, ...Object.entries(certificateRequests).map(([id, r]) => [`certificateRequests.${id}`, r] as const)];
    for (const [prop, r] of all.filter(([, r]) => r.kind !== 'onServer')) {
      problems.add(prop, r.kind, 'cannot be used with CertificateIssuer.acm(): ACM public certificates are requested by name and never signed from a CSR.', 'leave the request source out (ACM), or use acmPrivateCa() / publicCa() for a request of your own.');
    }
  }
  return problems.count > before ? undefined : { certificateRequest, certificateRequests };
}
