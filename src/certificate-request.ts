/** Options of `CertificateRequest.generateLocally()`. */
export interface GenerateLocallyOptions {
  /**
   * Where the private key is written (PEM, mode 0600). Must lie outside the synth output
   * folder, and outside the repository unless git ignores it. An existing key there is
   * reused, so synthesizing twice gives the same request.
   */
  readonly privateKeyPath: string;
  /**
   * A file, committed with the project, where the request made with the key is written
   * (for example 'requests/contoso-exchange.req'). It is what shows a key existed on a
   * machine where the key file is missing (a fresh clone, a CI runner): synth then stops
   * instead of silently making a new key, whose new request would replace the certificate
   * in service.
   * @default - no record: a missing key is made anew, with a warning
   */
  readonly requestRecordPath?: string;
  /**
   * Make a new key when the key file is missing although `requestRecordPath` holds a
   * request: the deliberate choice to replace the certificate (retain the issuance in
   * service with ACM Private CA, see `retainedIssuances`).
   * @default false
   */
  readonly allowNewKey?: boolean;
}

/** Where the certificate signing request comes from. */
export type CertificateRequestKind = 'onServer' | 'fromFile' | 'generateLocally';

/**
 * Where a certificate's signing request (CSR) comes from. The private key should stay on
 * the Exchange server, so by default the request is made there by the request script.
 */
export class CertificateRequest {
  /**
   * The request is made on the Exchange server by the generated request script
   * (`New-ExchangeCertificate -GenerateRequest`); nothing is needed at synth.
   */
  public static onServer(): CertificateRequest {
    return new CertificateRequest('onServer', {});
  }

  /**
   * A CSR produced on the server (or by any tool) is read at synth and checked against the
   * plan: valid signature, exactly the planned names, the planned CN and subject, and a key
   * at least the planned size. PEM, UTF-16 text and DER files are accepted.
   */
  public static fromFile(path: string): CertificateRequest {
    return new CertificateRequest('fromFile', { path });
  }

  /**
   * The key is made on this machine and the CSR built and signed here. Only for issuers
   * the plan submits to (ACM Private CA, enterprise CA) or when the server cannot make the
   * request; the key must then be carried to the server as a PFX.
   */
  public static generateLocally(options: GenerateLocallyOptions): CertificateRequest {
    return new CertificateRequest('generateLocally', { privateKeyPath: options.privateKeyPath, requestRecordPath: options.requestRecordPath, allowNewKey: options.allowNewKey });
  }

  /** CSR file of `fromFile()`. */
  public readonly path?: string;
  /** Private key file of `generateLocally()`. */
  public readonly privateKeyPath?: string;
  /** Committed request record of `generateLocally()`. */
  public readonly requestRecordPath?: string;
  /** Whether `generateLocally()` may replace a recorded key. */
  public readonly allowNewKey?: boolean;

  private constructor(
    /** Which source this is. */
    public readonly kind: CertificateRequestKind,
    options: { path?: string; privateKeyPath?: string; requestRecordPath?: string; allowNewKey?: boolean },
  ) {
    this.path = options.path;
    this.privateKeyPath = options.privateKeyPath;
    this.requestRecordPath = options.requestRecordPath;
    this.allowNewKey = options.allowNewKey;
  }
}
