import { parsePhoneNumberFromString, CountryCode } from 'libphonenumber-js';

/** Text without accents and case: "Zoë Núñez" → "zoe nunez". */
export function foldText(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Accent- and case-insensitive tokens of a name: "Zoë Núñez-Smith" → ["zoe", "nunez", "smith"]. */
export function nameTokens(name: string): string[] {
  return [...new Set(foldText(name).split(/[^\p{L}\p{N}]+/u).filter((t) => t.length > 0))];
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
