#!/usr/bin/env node
// Writes the JSON Schemas kubeconform needs for deploy/k8s, offline, from the Kubernetes OpenAPI
// definitions (api/openapi-spec/swagger.json) that ship inside the k8s.io/kubernetes Go module.
//
//   node deploy/k8s/schemas/generate.mjs            # Kubernetes 1.35.4 (the version validate.sh targets)
//   K8S_VERSION=1.36.3 node deploy/k8s/schemas/generate.mjs
//
// The module comes from the Go module proxy through `go mod download` (Go must be installed). The
// output follows kubeconform's own layout and rules (those of openapi2jsonschema with
// --kubernetes --stand-alone --strict): one file per kind, named <kind>-<group>-<version>.json (the
// core group has no group part), every $ref inlined, additionalProperties false on every object
// with declared properties, optional fields nullable, int-or-string and quantities accept a string
// or a number, apiVersion and kind fixed to the kind's own. Descriptions and x-kubernetes-*
// extensions are left out to keep the files small: kubeconform does not use them.
// Add a kind to KINDS when a manifest needs it, run this script, and commit the result.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const KINDS = [
  { group: '', version: 'v1', kind: 'ConfigMap' },
  { group: '', version: 'v1', kind: 'Service' },
  { group: '', version: 'v1', kind: 'ServiceAccount' },
  { group: 'apps', version: 'v1', kind: 'Deployment' },
  { group: 'autoscaling', version: 'v2', kind: 'HorizontalPodAutoscaler' },
  { group: 'policy', version: 'v1', kind: 'PodDisruptionBudget' },
  { group: 'networking.k8s.io', version: 'v1', kind: 'NetworkPolicy' },
];

const version = (process.env.K8S_VERSION || '1.35.4').replace(/^v/, '');
const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, `v${version}-standalone-strict`);

const module = JSON.parse(execFileSync('go', ['mod', 'download', '-json', `k8s.io/kubernetes@v${version}`], { cwd: here, encoding: 'utf8' }));
if (module.Error) throw new Error(module.Error);
const swagger = JSON.parse(readFileSync(join(module.Dir, 'api', 'openapi-spec', 'swagger.json'), 'utf8'));
const definitions = swagger.definitions;

const REF = '#/definitions/';
const STRING_OR_NUMBER = { oneOf: [{ type: 'string' }, { type: 'number' }] };
const STRING_OR_INTEGER = { oneOf: [{ type: 'string' }, { type: 'integer' }] };

/** One schema node with every $ref inlined; `seen` guards against recursive definitions. */
function expand(node, seen) {
  if (Array.isArray(node)) return node.map((n) => expand(n, seen));
  if (node === null || typeof node !== 'object') return node;
  if (node.$ref) {
    const name = node.$ref.slice(REF.length);
    if (name === 'io.k8s.apimachinery.pkg.api.resource.Quantity') return { ...STRING_OR_NUMBER };
    if (seen.includes(name)) return {}; // recursive type (not in the kinds above): accept anything below
    const target = definitions[name];
    if (!target) throw new Error(`unknown definition ${name}`);
    return expand(target, [...seen, name]);
  }
  if (node.format === 'int-or-string') return { ...STRING_OR_INTEGER };
  const result = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'description' || key.startsWith('x-kubernetes-')) continue;
    if (key === 'properties') {
      result.properties = {};
      const required = new Set(node.required ?? []);
      for (const [name, property] of Object.entries(value)) {
        const expanded = expand(property, seen);
        // The API server takes null for an optional field (an empty YAML key), as kubeconform's schemas do.
        if (!required.has(name) && typeof expanded.type === 'string') expanded.type = [expanded.type, 'null'];
        result.properties[name] = expanded;
      }
    } else {
      result[key] = expand(value, seen);
    }
  }
  if (result.properties && result.additionalProperties === undefined) result.additionalProperties = false;
  return result;
}

function definitionOf({ group, version: v, kind }) {
  const matches = Object.entries(definitions).filter(([, d]) =>
    (d['x-kubernetes-group-version-kind'] ?? []).some((gvk) => gvk.group === group && gvk.version === v && gvk.kind === kind));
  if (matches.length !== 1) throw new Error(`${kind} ${group}/${v}: ${matches.length} definitions in Kubernetes ${version}`);
  return matches[0];
}

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
for (const gvk of KINDS) {
  const [name, definition] = definitionOf(gvk);
  const apiVersion = gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version;
  const schema = expand(definition, [name]);
  schema.properties.apiVersion = { type: 'string', enum: [apiVersion] };
  schema.properties.kind = { type: 'string', enum: [gvk.kind] };
  schema.required = [...new Set([...(schema.required ?? []), 'apiVersion', 'kind'])];
  const groupPart = gvk.group ? `-${gvk.group.split('.')[0]}` : '';
  const file = `${gvk.kind.toLowerCase()}${groupPart}-${gvk.version}.json`;
  writeFileSync(join(out, file), `${JSON.stringify({ $schema: 'http://json-schema.org/schema#', ...schema }, null, 1)}\n`);
}
process.stdout.write(`${readdirSync(out).length} schemas for Kubernetes ${version} from ${name(module)} in ${out}\n`);

function name(m) {
  return `${m.Path}@${m.Version} (${m.Sum})`;
}
