import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020, { ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

/** Validates message payloads against civic-ledger's published JSON Schemas, by CloudEvent type. */
export class ContractValidator {
  private readonly byType = new Map<string, ValidateFunction>();

  constructor(contractsDir: string) {
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    addFormats(ajv);
    for (const file of readdirSync(contractsDir)) {
      // <Name>.v<N>.schema.json describes the payload of ce_type civic-ledger.<Name>.v<N>.
      const match = /^([A-Za-z]+)\.(v\d+)\.schema\.json$/.exec(file);
      if (!match) continue;
      const schema = JSON.parse(readFileSync(join(contractsDir, file), 'utf8')) as { title: string };
      this.byType.set(`civic-ledger.${match[1]}.${match[2]}`, ajv.compile(schema));
    }
  }

  /** Errors as readable strings; empty when the payload matches its schema. */
  validate(type: string, payload: unknown): string[] {
    const validate = this.byType.get(type);
    if (!validate) return [`no schema for ${type}`];
    return validate(payload) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
  }

  get types(): string[] {
    return [...this.byType.keys()];
  }
}
