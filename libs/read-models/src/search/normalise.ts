import { parsePhoneNumberFromString, CountryCode } from 'libphonenumber-js';

/** Accent- and case-insensitive tokens of a name: "Zoë Núñez-Smith" → ["zoe", "nunez", "smith"]. */
export function nameTokens(name: string): string[] {
  const folded = name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  return [...new Set(folded.split(/[^\p{L}\p{N}]+/u).filter((t) => t.length > 0))];
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** E.164 form of a phone number, or null when it is not a valid number. */
export function normalisePhone(phone: string, defaultRegion: string): string | null {
  const parsed = parsePhoneNumberFromString(phone.trim(), defaultRegion as CountryCode);
  return parsed && parsed.isValid() ? parsed.number : null;
}

export function normaliseIdentifier(value: string): string {
  return value.trim().replace(/\s+/g, '').toUpperCase();
}
