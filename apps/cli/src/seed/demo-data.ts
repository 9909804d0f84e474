import { Faker, fakerDE, fakerEN_GB, fakerES, fakerFR, fakerPL } from '@faker-js/faker';
import { CHANNELS, Channel } from '@civic-ledger/domain';

/** Realistic demo data for a municipal contact centre; deterministic for a given seed. */
const LOCALES: Faker[] = [fakerEN_GB, fakerEN_GB, fakerEN_GB, fakerES, fakerFR, fakerDE, fakerPL];

export const DEPARTMENTS: Record<string, string[]> = {
  housing: ['repairs', 'rent-arrears', 'housing-benefit', 'homelessness', 'tenancy'],
  benefits: ['universal-credit', 'council-tax-support', 'discretionary-payment', 'appeal'],
  waste: ['missed-collection', 'bulky-waste', 'recycling', 'fly-tipping'],
  'council-tax': ['bill', 'discount', 'direct-debit', 'arrears'],
  parking: ['permit', 'penalty-charge', 'blue-badge'],
  'social-care': ['assessment', 'carer-support', 'safeguarding', 'home-care'],
  planning: ['application', 'objection', 'enforcement'],
  licensing: ['premises', 'taxi', 'street-trading'],
};

const CHANNEL_WEIGHTS: Record<Channel, number> = {
  phone: 35, email: 20, counter: 10, 'web-form': 15, letter: 5, sms: 5, chat: 6, social: 2, 'field-visit': 2,
};

const SUMMARIES = [
  'Asked about {topic}; explained the process and next steps.',
  'Called to chase {topic}; case reference given, promised update within 5 days.',
  'Reported a problem with {topic}; logged and passed to the team.',
  'Requested forms for {topic}; sent by post.',
  'Complained about delays with {topic}; apologised and escalated to supervisor.',
  'Follow-up on {topic}; confirmed resolution with the resident.',
];

export interface DemoParty {
  kind: 'person' | 'organisation';
  name: { full: string; given?: string; family?: string };
  birthDate?: string;
  email?: string;
  phone?: string;
  identifier: string;
}

export class DemoData {
  private readonly f: Faker;

  constructor(seed: number) {
    this.f = fakerEN_GB;
    for (const locale of LOCALES) locale.seed(seed);
  }

  party(index: number): DemoParty {
    const locale = this.f.helpers.arrayElement(LOCALES);
    const identifier = `C-${String(100000 + index)}`;
    const phone = `+4479${this.f.string.numeric(8)}`;
    if (this.f.number.int({ min: 1, max: 10 }) === 1) {
      const full = locale.company.name();
      return { kind: 'organisation', name: { full }, email: `info${index}@${locale.internet.domainWord()}.example`, phone, identifier };
    }
    const given = locale.person.firstName();
    const family = locale.person.lastName();
    const birth = this.f.date.birthdate({ min: 18, max: 95, mode: 'age', refDate: '2024-01-01T00:00:00Z' });
    return {
      kind: 'person', name: { full: `${given} ${family}`, given, family }, birthDate: birth.toISOString().slice(0, 10),
      email: this.f.number.int({ min: 1, max: 4 }) > 1 ? `${locale.internet.username({ firstName: given, lastName: family }).toLowerCase()}.${index}@example.org` : undefined,
      phone: this.f.number.int({ min: 1, max: 3 }) > 1 ? phone : undefined,
      identifier,
    };
  }

  channel(): Channel {
    return this.f.helpers.weightedArrayElement(CHANNELS.map((c) => ({ value: c, weight: CHANNEL_WEIGHTS[c] })));
  }

  department(): { department: string; topic: string } {
    const department = this.f.helpers.objectKey(DEPARTMENTS) as string;
    return { department, topic: this.f.helpers.arrayElement(DEPARTMENTS[department]) };
  }

  summary(topic: string): string {
    return this.f.helpers.arrayElement(SUMMARIES).replace('{topic}', topic.replace(/-/g, ' '));
  }

  /** An instant within the last `years` years before `now`. */
  pastInstant(now: Date, years: number): string {
    return this.f.date.between({ from: new Date(now.getTime() - years * 365.25 * 86400_000), to: new Date(now.getTime() - 60_000) }).toISOString();
  }

  int(min: number, max: number): number {
    return this.f.number.int({ min, max });
  }

  pick<T>(items: readonly T[]): T {
    return this.f.helpers.arrayElement(items);
  }
}
