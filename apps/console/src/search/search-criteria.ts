/** What the API's party search takes: name words (`q`) or one exact e-mail, phone number or identifier. */
export interface SearchCriteria {
  readonly q?: string;
  readonly email?: string;
  readonly phone?: string;
  readonly identifier?: string;
}

const PHONE_CHARACTERS = /^\+?[\d\s().-]+$/;
const MIN_PHONE_DIGITS = 6;

/**
 * The searches one "Search people" field stands for, tried in order until one finds someone: an e-mail
 * address has an @; a number written only with digits, spaces, dots, dashes, brackets and a leading +
 * is a phone number, else an identifier (an all-digit identifier such as a client number); anything
 * else with a digit is an identifier (names carry none); the rest are name words.
 */
export function searchCriteria(text: string): SearchCriteria[] {
  const value = text.trim();
  if (value.length === 0) return [];
  if (value.includes('@')) return [{ email: value }];
  const digits = value.replace(/\D/g, '').length;
  if (PHONE_CHARACTERS.test(value) && digits >= MIN_PHONE_DIGITS) return [{ phone: value }, { identifier: value }];
  if (digits > 0) return [{ identifier: value }];
  return [{ q: value }];
}
