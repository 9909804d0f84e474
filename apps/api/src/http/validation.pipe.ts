import { ArgumentMetadata, ValidationError, ValidationPipe, ValidationPipeOptions } from '@nestjs/common';
import { RecordInteractionDto } from '../interactions/interaction.dto';
import { PointInTimeDto, TimelineQueryDto } from '../parties/party-read.dto';
import { ApiError, FieldError } from './api-error';
import { CompiledDto } from './compiled-dto';

function flatten(errors: readonly ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own: FieldError[] = e.constraints ? [{ field, messages: Object.values(e.constraints) }] : [];
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** The request bodies of the hot write paths, validated by their compiled rules first (see CompiledDto). */
export const COMPILED_BODIES: readonly (new () => object)[] = [RecordInteractionDto];
/** The query strings of the hot read paths (a party's view and its timeline), the same way. */
export const COMPILED_QUERIES: readonly (new () => object)[] = [PointInTimeDto, TimelineQueryDto];

/**
 * ValidationPipe whose listed body and query DTOs go through their compiled rules first: a value those accept
 * is the instance the pipe would return; any other (an invalid one included) goes through the pipe itself.
 */
export class CompiledValidationPipe extends ValidationPipe {
  private readonly compiled = new Map<unknown, CompiledDto | null>();

  constructor(options: ValidationPipeOptions, private readonly bodies: readonly (new () => object)[], private readonly queries: readonly (new () => object)[] = []) {
    super(options);
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const listed = metadata.type === 'body' ? this.bodies : metadata.type === 'query' ? this.queries : null;
    if (listed && metadata.metatype && listed.includes(metadata.metatype as new () => object)) {
      const accepted = this.compiledFor(metadata.metatype as new () => object)?.accept(value);
      if (accepted !== undefined) return accepted;
    }
    return super.transform(value, metadata);
  }

  private compiledFor(cls: new () => object): CompiledDto | null {
    let compiled = this.compiled.get(cls);
    if (compiled === undefined) {
      compiled = CompiledDto.compile(cls);
      this.compiled.set(cls, compiled);
    }
    return compiled;
  }
}

export const VALIDATION_OPTIONS: ValidationPipeOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  validationError: { target: false, value: false },
  exceptionFactory: (errors) => new ApiError('VALIDATION.FAILED', 'The request is not valid; see errors for each field.', flatten(errors)),
};

/** class-validator at the edge: unknown fields are refused, types converted, messages listed per field. */
export function createValidationPipe(): ValidationPipe {
  return new CompiledValidationPipe(VALIDATION_OPTIONS, COMPILED_BODIES, COMPILED_QUERIES);
}
