import { ApiProperty } from '@nestjs/swagger';

const CONSUMER_STATUSES = ['stopped', 'catching-up', 'live', 'failing', 'remote (projector: an API-only process reading the checkpoint a worker stores)'];

export class LivenessResponse {
  @ApiProperty({ enum: ['ok'] }) status!: string;
}

export class ConsumerStateResponse {
  @ApiProperty({ description: `One of ${CONSUMER_STATUSES.join(', ')}` }) status!: string;
  @ApiProperty({ type: 'integer', minimum: 0 }) checkpoint!: number;
  @ApiProperty({ type: 'integer', minimum: 0, nullable: true, description: 'Positions behind the event store head; null when it is unreachable' }) lag!: number | null;
}

/** Readiness: 200 when the event store answers and the projector is not failing, else 503 with the same body. */
export class ReadinessResponse {
  @ApiProperty({ enum: ['ok', 'unavailable'] }) status!: string;
  @ApiProperty({ enum: ['ok', 'unreachable'] }) eventStore!: string;
  @ApiProperty({ type: ConsumerStateResponse }) projector!: ConsumerStateResponse;
  @ApiProperty({ oneOf: [{ $ref: '#/components/schemas/ConsumerStateResponse' }, { type: 'string', enum: ['off'] }], description: 'The Kafka relay, or off when no brokers are configured' })
  relay!: ConsumerStateResponse | 'off';
}
