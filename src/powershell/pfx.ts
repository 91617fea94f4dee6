/**
 * How every PFX the project tells the admin to make is encrypted. OpenSSL 3 encrypts a
 * PKCS#12 with AES-256 and PBKDF2 by default, which Windows Server 2016 and older cannot
 * import ("The specified network password is not correct"); 3DES with SHA-1 (the pre-3.0
 * default) imports on every Windows Server that runs Exchange. The algorithms are named
 * explicitly rather than with `-legacy`, which needs OpenSSL's legacy provider (RC2) and
 * fails where it is not installed. Source: DOMAIN.md section 8.
 */

/** The openssl options that make a PFX every Windows Server imports. */
export const PFX_LEGACY_OPTIONS = '-keypbe PBE-SHA1-3DES -certpbe PBE-SHA1-3DES -macalg sha1';

/** Why, in one sentence, for script headers and the review. */
export const PFX_ENCRYPTION_REASON =
  '3DES with a SHA-1 MAC (-keypbe PBE-SHA1-3DES -certpbe PBE-SHA1-3DES -macalg sha1), because Windows Server 2016 and older cannot import the AES-256/PBKDF2 PFX of OpenSSL 3 (a wrong-password error).';

/** `openssl pkcs12 -export <args> <legacy options>` */
export function pfxCommand(args: string): string {
  return `openssl pkcs12 -export ${args} ${PFX_LEGACY_OPTIONS}`;
}
