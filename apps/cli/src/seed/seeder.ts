import { randomUUID } from 'node:crypto';
import {
  AcknowledgeCorrespondenceCommand, AmendInteractionCommand, AssignCorrespondenceCommand, CloseCorrespondenceCommand, CommandOutcome, GiveConsentCommand, newId,
  ReceiveCorrespondenceCommand, RecordInteractionCommand, RegisterPartyCommand, RespondToCorrespondenceCommand, WriteContext,
} from '@civic-ledger/application';
import { Command, CommandBus } from '@nestjs/cqrs';
import { DEPARTMENTS, DemoData } from './demo-data';

export interface SeedOptions {
  parties: number;
  interactions: number;
  years: number;
  seed: number;
  concurrency: number;
}

export interface SeedSummary {
  parties: number;
  interactions: number;
  correspondence: number;
  lastPosition: number;
}

async function pool<T>(items: readonly T[], concurrency: number, work: (item: T, index: number) => Promise<void>, onDone: () => void): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index], index);
      onDone();
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

const SEED_DEPARTMENTS = Object.keys(DEPARTMENTS);
/** Demo citizens deal with several departments: each first contact elsewhere breaks the glass, as staff would. */
const CROSS_DEPARTMENT = 'Demo data: the citizen contacted another department';

/** Records demo data through the real command path (deciders, validation rules, group commit). */
export class Seeder {
  private lastPosition = 0;
  private readonly data: DemoData;
  private readonly now = new Date();

  constructor(private readonly commands: CommandBus, private readonly options: SeedOptions, private readonly progress: (done: number) => void) {
    this.data = new DemoData(options.seed);
  }

  private ctx(occurredAt?: string, breakGlassReason?: string): WriteContext {
    const actor = `staff-${this.data.int(1000, 1099)}`;
    // Demo staff work for every demo department, so the seed passes the access policy like any request.
    return { actor, principal: { sub: actor, role: 'supervisor', departments: Object.keys(DEPARTMENTS) }, correlationId: randomUUID(), requestHash: 'seed', occurredAt, breakGlassReason };
  }

  private track(outcome: CommandOutcome): CommandOutcome {
    this.lastPosition = Math.max(this.lastPosition, outcome.position);
    return outcome;
  }

  async run(): Promise<SeedSummary> {
    const { parties: p, interactions: n, concurrency } = this.options;
    let done = 0;
    const tick = () => this.progress(++done);
    const partyIds = Array.from({ length: p }, () => randomUUID());
    await pool(partyIds, concurrency, (id, i) => this.registerParty(id, i), tick);
    const interactionIds = Array.from({ length: n }, () => randomUUID());
    await pool(interactionIds, concurrency, (id) => this.recordInteraction(id, partyIds), tick);
    const correspondenceIds = Array.from({ length: Math.ceil(n / 10) }, () => randomUUID());
    await pool(correspondenceIds, concurrency, (id) => this.correspondence(id, partyIds), tick);
    return { parties: p, interactions: n, correspondence: correspondenceIds.length, lastPosition: this.lastPosition };
  }

  private async registerParty(partyId: string, index: number): Promise<void> {
    const d = this.data.party(index);
    const meta = this.ctx();
    const contactPoints = [
      ...(d.email ? [{ contactPointId: newId(meta, 'cp-email'), kind: 'email' as const, value: d.email, verified: this.data.int(0, 1) === 1 }] : []),
      ...(d.phone ? [{ contactPointId: newId(meta, 'cp-phone'), kind: 'phone' as const, value: d.phone, verified: false }] : []),
    ];
    this.track(await this.commands.execute(new RegisterPartyCommand({
      partyId, kind: d.kind, name: d.name, birthDate: d.birthDate, contactPoints, department: SEED_DEPARTMENTS[index % SEED_DEPARTMENTS.length], identifiers: [{ scheme: 'client-number', value: d.identifier }],
    }, meta)));
    if (this.data.int(1, 3) === 1) {
      const purpose = this.data.pick(['appointment-reminders', 'service-updates', 'surveys']);
      this.track(await this.commands.execute(new GiveConsentCommand({ partyId, purpose, channel: this.data.pick(['sms', 'email', 'letter'] as const) }, this.ctx())));
    }
  }

  private async recordInteraction(interactionId: string, partyIds: readonly string[]): Promise<void> {
    const { department, topic } = this.data.department();
    const occurredAt = this.data.pastInstant(this.now, this.options.years);
    const parties = this.data.int(1, 15) === 1 ? [this.data.pick(partyIds), this.data.pick(partyIds)] : [this.data.pick(partyIds)];
    const outcome = await this.commands.execute(new RecordInteractionCommand({
      interactionId, channel: this.data.channel(), direction: this.data.int(1, 4) === 1 ? 'outbound' : 'inbound', occurredAt,
      partyIds: [...new Set(parties)], staffId: `staff-${this.data.int(1000, 1099)}`, department, topics: [topic], summary: this.data.summary(topic),
      outcome: this.data.pick(['resolved', 'referred', 'call-back', 'information-given']), satisfaction: this.data.int(1, 5),
      confidentiality: department === 'social-care' && this.data.int(1, 3) === 1 ? 'sensitive' : 'normal',
    }, this.ctx(occurredAt, CROSS_DEPARTMENT)));
    this.track(outcome);
    if (this.data.int(1, 50) === 1) {
      this.track(await this.commands.execute(new AmendInteractionCommand({
        interactionId, changes: { summary: `${this.data.summary(topic)} (corrected)` }, reason: 'summary corrected after call review',
      }, this.ctx())));
    }
  }

  private async correspondence(correspondenceId: string, partyIds: readonly string[]): Promise<void> {
    const { department, topic } = this.data.department();
    const receivedAt = this.data.pastInstant(this.now, this.options.years);
    const dueAt = new Date(Date.parse(receivedAt) + 20 * 86400_000).toISOString();
    const run = (command: Command<CommandOutcome>) => this.commands.execute(command).then((o) => this.track(o));
    await this.commands.execute(new ReceiveCorrespondenceCommand({
      correspondenceId, partyIds: [this.data.pick(partyIds)], channel: this.data.pick(['letter', 'email', 'web-form'] as const),
      subject: `About ${topic.replace(/-/g, ' ')}`, receivedAt, dueAt, department,
    }, this.ctx(receivedAt, CROSS_DEPARTMENT))).then((o) => this.track(o));
    const stage = this.data.int(0, 4);
    if (stage >= 1) await run(new AcknowledgeCorrespondenceCommand({ correspondenceId }, this.ctx()));
    if (stage >= 2) await run(new AssignCorrespondenceCommand({ correspondenceId, assigneeId: `staff-${this.data.int(1000, 1099)}` }, this.ctx()));
    if (stage >= 3) await run(new RespondToCorrespondenceCommand({ correspondenceId, summary: this.data.summary(topic), channel: 'letter' }, this.ctx()));
    if (stage >= 4) await run(new CloseCorrespondenceCommand({ correspondenceId, resolution: 'resolved' }, this.ctx()));
  }
}
