import { getMetadataStorage, ValidationArguments, ValidationTypes } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { TransformationType } from 'class-transformer';
import type { MetadataStorage as TransformerMetadata } from 'class-transformer/types/MetadataStorage';
import type { ClassTransformOptions } from 'class-transformer/types/interfaces';

// class-transformer's own metadata and default options, which its package index does not export.
/* eslint-disable @typescript-eslint/no-require-imports -- deep paths of class-transformer that ship no declarations of their own */
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as { defaultMetadataStorage: TransformerMetadata };
const { defaultOptions } = require('class-transformer/cjs/constants/default-options.constant') as { defaultOptions: ClassTransformOptions };
/* eslint-enable @typescript-eslint/no-require-imports */

type Ctor = new () => object;
type Check = (object: object, value: unknown) => boolean;
type TransformFn = (params: { value: unknown; key: string; obj: Record<string, unknown>; type: TransformationType; options: typeof defaultOptions }) => unknown;

interface CompiledProperty {
  readonly name: string;
  /** @IsOptional and @ValidateIf: the property's checks run only when they all hold. */
  readonly conditions: readonly ((object: object, value: unknown) => boolean)[];
  /** @IsDefined, then every other constraint, as class-validator runs them. */
  readonly checks: readonly Check[];
  /** @ValidateNested with @Type of a compiled class. */
  readonly nested?: CompiledDto;
  /** @Type(() => Number | String | Boolean) without nested rules: class-transformer's conversion of a primitive. */
  readonly convert?: (value: unknown) => unknown;
  /** @Transform functions (plain to class). */
  readonly transforms: readonly TransformFn[];
}

/**
 * A DTO class's body conversion and validation, compiled from class-transformer's and class-validator's own
 * metadata (the decorators stay the single source of the rules; each check is the decorator's own `validate`).
 * It answers only the common case: a plain JSON object, every key a declared property, every value a primitive,
 * an array of primitives or a nested object of a compiled class, and every constraint holding. It then returns
 * the instance `plainToInstance` would build. Anything else — an invalid body included — returns undefined, and
 * the caller runs the full ValidationPipe, which builds the errors: so a refused body is answered exactly as before.
 */
export class CompiledDto {
  private constructor(private readonly cls: Ctor, private readonly properties: Map<string, CompiledProperty>) {}

  /** Null when the class uses a feature the fast path does not reproduce (groups, async rules, expose/exclude, …). */
  static compile(cls: Ctor, seen = new Set<Ctor>()): CompiledDto | null {
    if (seen.has(cls) || !plainClass(cls)) return null;
    const metadatas = getMetadataStorage().getTargetValidationMetadatas(cls, '', false, false, undefined);
    if (metadatas.length === 0 || !metadatas.every(supported)) return null;
    if (defaultMetadataStorage.getStrategy(cls) !== 'none' || defaultMetadataStorage.getExposedMetadatas(cls).length > 0
      || defaultMetadataStorage.getExcludedMetadatas(cls).length > 0) return null;
    const properties = new Map<string, CompiledProperty>();
    const grouped = getMetadataStorage().groupByPropertyName(metadatas);
    for (const [name, own] of Object.entries(grouped)) {
      const property = compileProperty(cls, name, own, new Set([...seen, cls]));
      if (!property) return null;
      properties.set(name, property);
    }
    return new CompiledDto(cls, properties);
  }

  /** The validated instance, or undefined when the full pipe must decide. */
  accept(body: unknown): object | undefined {
    const instance = this.build(body);
    return instance !== undefined && this.valid(instance) ? instance : undefined;
  }

  /** As class-transformer's plainToInstance with default options, for the shapes described above. */
  /** @internal */
  build(body: unknown): object | undefined {
    if (body === null || typeof body !== 'object' || !bare(body)) return undefined;
    const plain = body as Record<string, unknown>;
    const instance = new this.cls() as Record<string, unknown>;
    for (const key of Object.keys(plain)) {
      const property = this.properties.get(key);
      if (!property) return undefined;
      let value = copy(plain[key], property);
      if (value === NOT_HANDLED) return undefined;
      for (const transform of property.transforms) value = transform({ value, key, obj: plain, type: TransformationType.PLAIN_TO_CLASS, options: defaultOptions });
      instance[key] = value;
    }
    return instance;
  }

  /** True when class-validator (whitelist, forbidNonWhitelisted) would find nothing wrong. */
  private valid(instance: object): boolean {
    for (const key of Object.keys(instance)) if (!this.properties.has(key)) return false;
    for (const property of this.properties.values()) {
      const value = (instance as Record<string, unknown>)[property.name];
      if (!allHold(property.conditions, instance, value)) continue;
      if (!allHold(property.checks, instance, value)) return false;
      if (property.nested && value !== undefined && !(value instanceof property.nested.cls && property.nested.valid(value))) return false;
    }
    return true;
  }
}

const NOT_HANDLED = Symbol('not handled');

/**
 * A plain JSON object, or a query string's object: Fastify's parser makes it from a prototype that is an
 * empty object without a prototype of its own. Nothing is inherited either way.
 */
function bare(value: object): boolean {
  for (let prototype: object | null = Object.getPrototypeOf(value) as object | null; prototype !== null && prototype !== Object.prototype; prototype = Object.getPrototypeOf(prototype) as object | null) {
    if (Reflect.ownKeys(prototype).length > 0) return false;
  }
  return true;
}

/** Loops rather than `every` with a closure: this runs for every property of every request. */
function allHold(checks: readonly Check[], object: object, value: unknown): boolean {
  for (let i = 0; i < checks.length; i += 1) if (!checks[i](object, value)) return false;
  return true;
}

function copy(value: unknown, property: CompiledProperty): unknown {
  if (value === null) return value;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return property.convert ? property.convert(value) : value;
  if (Array.isArray(value)) {
    if (property.nested || property.convert) return NOT_HANDLED;
    const items: unknown[] = [];
    for (let i = 0; i < value.length; i += 1) {
      const item: unknown = value[i];
      if (item === undefined || (item !== null && typeof item === 'object')) return NOT_HANDLED;
      items.push(item);
    }
    return items;
  }
  if (property.nested && typeof value === 'object') return property.nested.build(value) ?? NOT_HANDLED;
  return NOT_HANDLED;
}

/**
 * A class whose prototypes, its own and its ancestors', hold nothing but their constructors (no accessors or
 * methods class-transformer would skip); the decorators' metadata covers the ancestors' properties too.
 */
function plainClass(cls: Ctor): boolean {
  for (let prototype: unknown = cls.prototype; prototype !== Object.prototype; prototype = Object.getPrototypeOf(prototype)) {
    if (prototype === null || !Object.getOwnPropertyNames(prototype).every((name) => name === 'constructor')) return false;
  }
  return true;
}

const SUPPORTED_TYPES: readonly string[] = [
  ValidationTypes.CUSTOM_VALIDATION, ValidationTypes.NESTED_VALIDATION, ValidationTypes.CONDITIONAL_VALIDATION, ValidationTypes.IS_DEFINED, ValidationTypes.WHITELIST,
];

function supported(m: ValidationMetadata): boolean {
  return SUPPORTED_TYPES.includes(m.type) && !m.groups?.length && m.always === undefined && m.context === undefined;
}

function compileProperty(cls: Ctor, name: string, metadatas: readonly ValidationMetadata[], seen: Set<Ctor>): CompiledProperty | null {
  const typeMeta = defaultMetadataStorage.findTypeMetadata(cls, name);
  const nestedRules = metadatas.filter((m) => m.type === ValidationTypes.NESTED_VALIDATION);
  let nested: CompiledDto | undefined;
  let convert: CompiledProperty['convert'];
  const primitive = typeMeta && !nestedRules.length && !typeMeta.options?.discriminator ? typeMeta.typeFunction?.() : undefined;
  if (primitive === Number || primitive === String || primitive === Boolean) {
    // As class-transformer converts a primitive to the declared type (null is kept; arrays go to the full pipe).
    convert = primitive as (value: unknown) => unknown;
  } else if (typeMeta || nestedRules.length) {
    // Only @ValidateNested() with @Type(() => SomeDto): the nested object is built and validated as that class.
    const target = typeMeta?.typeFunction?.() as Ctor | undefined;
    if (!typeMeta || nestedRules.length !== 1 || typeMeta.options?.discriminator || typeof target !== 'function' || nestedRules[0].each) return null;
    nested = CompiledDto.compile(target, seen) ?? undefined;
    if (!nested) return null;
  }
  const transforms = defaultMetadataStorage.findTransformMetadatas(cls, name, TransformationType.PLAIN_TO_CLASS);
  if (transforms.some((t) => t.options?.groups?.length || t.options?.since !== undefined || t.options?.until !== undefined)) return null;
  const rules = [
    ...metadatas.filter((m) => m.type === ValidationTypes.IS_DEFINED),
    ...metadatas.filter((m) => m.type === ValidationTypes.CUSTOM_VALIDATION),
  ];
  const checks = rules.map((m) => constraintCheck(cls, m));
  if (checks.some((c) => c === null)) return null;
  return {
    name,
    conditions: metadatas.filter((m) => m.type === ValidationTypes.CONDITIONAL_VALIDATION).map((m) => m.constraints[0] as (o: object, v: unknown) => boolean),
    checks: checks as Check[],
    nested,
    convert,
    transforms: transforms.map((t) => t.transformFn as TransformFn),
  };
}

/** One decorator's rule as class-validator applies it (validateIf, `each` over arrays, sets and maps). */
function constraintCheck(cls: Ctor, m: ValidationMetadata): Check | null {
  const constraints = getMetadataStorage().getTargetValidatorConstraints(m.constraintCls);
  if (constraints.length === 0 || constraints.some((c) => c.async)) return null;
  const validators = constraints.map((c) => c.instance);
  // One arguments object per rule, filled in before each (synchronous) call: no allocation per request.
  const args: ValidationArguments = { targetName: cls.name, property: m.propertyName, object: {}, value: undefined, constraints: m.constraints };
  return (object, value) => {
    if (m.validateIf && !m.validateIf(object, value)) return true;
    args.object = object;
    args.value = value;
    const each = m.each && (Array.isArray(value) || value instanceof Set || value instanceof Map);
    const items = each ? (Array.isArray(value) ? value : [...(value instanceof Map ? value.values() : (value as Set<unknown>))]) : null;
    for (const validator of validators) {
      // A promise (an async rule) is not `true`: the full pipe decides.
      if (items) {
        for (const item of items) if (validator.validate(item, args) !== true) return false;
      } else if (validator.validate(value, args) !== true) return false;
    }
    return true;
  };
}
