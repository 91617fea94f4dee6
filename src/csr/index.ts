/**
 * Certificate requests at synth: read and check a CSR file against the plan, make one
 * locally, compute thumbprints. node-forge is loaded only when a request is read or made.
 */
export { checkRequestAgainstPlan, requestMismatches } from './check-request';
export { GenerateLocalRequestOptions, GeneratedRequest, generateLocalRequest } from './generate-request';
export { ParsedRequest, RequestSubjectField } from './parsed-request';
export { PrivateKeyPathCheckOptions, privateKeyPathRefusal } from './private-key-path';
export { parseCertificateRequest, readCertificateRequest } from './read-request';
export { RequestFileEncoding, requestDerFromBytes } from './request-file';
export { ResolvedRequest, ResolveRequestsOptions, resolveCertificateRequests } from './resolve-requests';
export { sha1Thumbprint } from './thumbprint';
