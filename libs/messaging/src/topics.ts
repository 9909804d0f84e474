import { TopicSpec } from './event-publisher.port';

/** Public topics: one per aggregate category, versioned; the profile topic is compacted (latest per party). */
export const TOPICS = {
  party: 'civic-ledger.party.v1',
  interaction: 'civic-ledger.interaction.v1',
  correspondence: 'civic-ledger.correspondence.v1',
  partyProfile: 'civic-ledger.party-profile.v1',
  audit: 'civic-ledger.audit.v1',
} as const;

export function topicSpecs(partitions: number): TopicSpec[] {
  return [
    { name: TOPICS.party, partitions, compacted: false },
    { name: TOPICS.interaction, partitions, compacted: false },
    { name: TOPICS.correspondence, partitions, compacted: false },
    { name: TOPICS.partyProfile, partitions, compacted: true },
    { name: TOPICS.audit, partitions: 1, compacted: false },
  ];
}
