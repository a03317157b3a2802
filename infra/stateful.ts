import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { REPO_ROOT } from './paths';

/**
 * The stateful-resource guard. A CloudFormation update that removes a stateful resource from
 * the template, renames its logical ID, changes its type or changes a property that forces a
 * replacement would create a new, empty resource and leave (RETAIN) or delete the one that
 * holds the province's data. The guard pins, per stateful resource of a synthesized template,
 * its logical ID, type, deletion policies and the values of its replacement-causing
 * properties; test/infra compares the pinned snapshot (infra/stateful-snapshot.json) with
 * every synth, and `npm run deploy` shows the stateful part of `cdk diff` and asks first.
 */

/** Resource types that hold data or protect it: what must never be replaced by accident. */
export const STATEFUL_TYPES = [
  'AWS::DynamoDB::GlobalTable',
  'AWS::DynamoDB::Table',
  'AWS::Cognito::UserPool',
  'AWS::S3::Bucket',
  'AWS::KMS::Key',
  'AWS::Backup::BackupVault',
] as const;

export const SNAPSHOT_FILE = join(REPO_ROOT, 'infra', 'stateful-snapshot.json');

/** The database of CloudFormation resource specs the CDK CLI itself uses for `cdk diff`. */
const SPEC_DB = join(REPO_ROOT, 'node_modules', 'aws-cdk', 'db.json.gz');

interface SpecResource {
  cloudFormationType: string;
  properties: Record<string, { causesReplacement?: 'yes' | 'no' | 'maybe' }>;
}

let replacementCache: Map<string, string[]> | undefined;

/**
 * The properties of each stateful type whose change replaces the resource ("yes" or "maybe"
 * in the CDK CLI's spec database: what `cdk diff` marks "requires replacement").
 */
export function replacementProperties(): Map<string, string[]> {
  if (replacementCache) return replacementCache;
  const db = JSON.parse(gunzipSync(readFileSync(SPEC_DB)).toString('utf8')) as {
    schema: { resource: { entities: SpecResource[] } };
  };
  const wanted = new Set<string>(STATEFUL_TYPES);
  const found = new Map<string, string[]>();
  for (const resource of db.schema.resource.entities) {
    if (!wanted.has(resource.cloudFormationType)) continue;
    const names = Object.entries(resource.properties)
      .filter(([, p]) => p.causesReplacement === 'yes' || p.causesReplacement === 'maybe')
      .map(([name]) => name)
      .sort();
    found.set(resource.cloudFormationType, names);
  }
  for (const type of STATEFUL_TYPES) {
    if (!found.has(type)) throw new Error(`${type} is missing from ${SPEC_DB}: update infra/stateful.ts`);
  }
  replacementCache = found;
  return found;
}

export interface StatefulEntry {
  type: string;
  deletionPolicy: string | null;
  updateReplacePolicy: string | null;
  /** Replacement-causing properties and their template values (absent ones: null). */
  replacementProperties: Record<string, unknown>;
}

export type StatefulSnapshot = Record<string, StatefulEntry>;

interface TemplateResource {
  Type: string;
  Properties?: Record<string, unknown>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
}

/** The stateful resources of a CloudFormation template, as the guard pins them. */
export function statefulSnapshot(template: {
  Resources?: Record<string, TemplateResource>;
}): StatefulSnapshot {
  const props = replacementProperties();
  const snapshot: StatefulSnapshot = {};
  for (const [logicalId, resource] of Object.entries(template.Resources ?? {}).sort(([a], [b]) =>
    a.localeCompare(b),
  )) {
    const names = props.get(resource.Type);
    if (!names) continue;
    snapshot[logicalId] = {
      type: resource.Type,
      deletionPolicy: resource.DeletionPolicy ?? null,
      updateReplacePolicy: resource.UpdateReplacePolicy ?? null,
      replacementProperties: Object.fromEntries(names.map((n) => [n, resource.Properties?.[n] ?? null])),
    };
  }
  return snapshot;
}

/**
 * What a change from `before` to `after` would do to stateful resources: one sentence per
 * resource that would be removed, retyped, replaced or lose its retain policy. Resources only
 * in `after` are new (harmless) and listed as such.
 */
export function compareStateful(
  before: StatefulSnapshot,
  after: StatefulSnapshot,
): { dangers: string[]; added: string[] } {
  const dangers: string[] = [];
  for (const [id, old] of Object.entries(before)) {
    const now = after[id];
    if (!now) {
      dangers.push(
        `${id} (${old.type}) leaves the template: CloudFormation would stop managing it (and delete it without a retain policy); a renamed construct gets a new, empty resource.`,
      );
      continue;
    }
    if (now.type !== old.type) {
      dangers.push(`${id} changes type ${old.type} -> ${now.type}: a new, empty resource replaces it.`);
      continue;
    }
    for (const [name, value] of Object.entries(old.replacementProperties)) {
      const next = now.replacementProperties[name] ?? null;
      if (JSON.stringify(next) !== JSON.stringify(value)) {
        dangers.push(
          `${id} (${old.type}) changes ${name} (${JSON.stringify(value)} -> ${JSON.stringify(next)}): CloudFormation replaces the resource.`,
        );
      }
    }
    for (const policy of ['deletionPolicy', 'updateReplacePolicy'] as const) {
      if (now[policy] !== old[policy]) {
        dangers.push(`${id} (${old.type}) changes ${policy} ${old[policy]} -> ${now[policy]}.`);
      }
    }
  }
  const added = Object.keys(after)
    .filter((id) => !before[id])
    .map((id) => `${id} (${after[id]?.type})`);
  return { dangers, added };
}

export function readSnapshot(file: string = SNAPSHOT_FILE): StatefulSnapshot {
  return JSON.parse(readFileSync(file, 'utf8')) as StatefulSnapshot;
}

/**
 * The resource blocks of `cdk diff` output (run with --no-color) whose type is stateful:
 * what the deploy shows and asks about before anything changes.
 */
export function statefulDiffBlocks(diffText: string): string[] {
  const blocks: string[] = [];
  let current: string[] | undefined;
  const flush = () => {
    if (current) blocks.push(current.join('\n'));
    current = undefined;
  };
  for (const line of diffText.split('\n')) {
    const header = /^\[[-+~/]+\] (AWS::\S+) /.exec(line);
    if (header) {
      flush();
      if ((STATEFUL_TYPES as readonly string[]).includes(header[1] ?? '')) current = [line];
      continue;
    }
    // A block ends at the next resource, a blank line or a section title.
    if (current && (line.trim() === '' || /^\S/.test(line))) {
      flush();
      continue;
    }
    current?.push(line);
  }
  flush();
  return blocks;
}
