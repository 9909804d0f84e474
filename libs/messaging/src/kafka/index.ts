/**
 * The Kafka adapter's own entry point (`@civic-ledger/messaging/kafka`): it loads kafkajs, so the
 * package barrel leaves it out and only configured KAFKA_BROKERS load it.
 */
export * from './kafka.event-publisher';
export { installFastProduceEncoding, uninstallFastProduceEncoding } from './fast-produce';
