import { isEmail } from 'class-validator';
import { ContactPointKind, PostalAddress } from '@civic-ledger/domain';
import { normaliseEmail, normalisePhone } from '@civic-ledger/read-models';
import { ApiError } from '../http/api-error';
import { ContactPointDto } from './party-write.dto';

export interface ContactPointData {
  kind: ContactPointKind;
  value: string;
  address?: PostalAddress;
  verified: boolean;
  label?: string;
}

function invalid(field: string, message: string): ApiError {
  return new ApiError('VALIDATION.FAILED', 'The request is not valid; see errors for each field.', [{ field, messages: [message] }]);
}

/** Normalises a contact point at the edge: lower-case e-mail, E.164 phone, one-line postal address. */
export function toContactPoint(dto: ContactPointDto, phoneRegion: string, field = 'value'): ContactPointData {
  const base = { verified: dto.verified ?? false, ...(dto.label ? { label: dto.label } : {}) };
  // Each kind takes only its own field: a field the API would ignore is refused, not dropped.
  const addressField = field.replace(/value$/, 'address');
  if (dto.kind === 'postal' && dto.value !== undefined) throw invalid(field, 'value is not taken for a postal contact point (it is made from address)');
  if (dto.kind !== 'postal' && dto.address !== undefined) throw invalid(addressField, `address is taken only for a postal contact point, not for ${dto.kind}`);
  if (dto.kind === 'postal') {
    const a = dto.address;
    if (!a) throw invalid(addressField, 'address is required for a postal contact point');
    const address: PostalAddress = { lines: a.lines, country: a.country.toUpperCase(), ...(a.postcode ? { postcode: a.postcode } : {}), ...(a.city ? { city: a.city } : {}) };
    return { kind: 'postal', value: [...a.lines, a.postcode, a.city, address.country].filter(Boolean).join(', '), address, ...base };
  }
  const raw = dto.value ?? '';
  if (dto.kind === 'email') {
    if (!isEmail(raw)) throw invalid(field, 'value must be an e-mail address');
    return { kind: 'email', value: normaliseEmail(raw), ...base };
  }
  const phone = normalisePhone(raw, phoneRegion);
  if (!phone) throw invalid(field, `value must be a phone number (international, or national for region ${phoneRegion})`);
  return { kind: 'phone', value: phone, ...base };
}
