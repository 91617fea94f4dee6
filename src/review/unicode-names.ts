/**
 * Internationalised domain names as a reviewer reads them: the punycode the DNS and the
 * certificate carry, with the Unicode form beside it ('xn--bcher-kva.example (bücher.example)').
 */
import { domainToUnicode } from 'node:url';

/** The Unicode form of a name with an 'xn--' label, else undefined. */
export function unicodeForm(name: string): string | undefined {
  if (!/(^|\.)xn--/i.test(name)) return undefined;
  const prefix = name.startsWith('*.') ? '*.' : '';
  const u = domainToUnicode(name.slice(prefix.length));
  return u && u !== name.slice(prefix.length) ? `${prefix}${u}` : undefined;
}

/** 'xn--bcher-kva.example (bücher.example)'; other names as they are. */
export function withUnicode(name: string): string {
  const u = unicodeForm(name);
  return u ? `${name} (${u})` : name;
}

/** Every 'xn--' name in a text followed by its Unicode form, for the review's prose. */
export function annotateUnicode(text: string): string {
  if (!/xn--/i.test(text)) return text;
  return text.replace(/(?<![A-Za-z0-9.-])(?:\*\.)?(?:[A-Za-z0-9-]+\.)*xn--[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*/gi, (m) => withUnicode(m));
}
