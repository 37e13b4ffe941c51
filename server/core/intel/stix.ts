import type { Indicator, IndicatorType } from '../../../shared/schemas/intel.js';
import { checkImported, defined, type ImportError, type ImportItem } from './import-item.js';
import { hashAlgorithm } from './normalise.js';

/** A STIX 2.1 object as JSON. */
export type StixObject = Record<string, unknown>;

/** A STIX 2.1 bundle. */
export interface StixBundle {
  type: 'bundle';
  id: string;
  objects: StixObject[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const OBSERVABLE: Partial<Record<IndicatorType, string>> = { domain: 'domain-name', url: 'url', email: 'email-addr' };
const KNOWN_TYPES = ['indicator', 'vulnerability'];

/** A STIX pattern string literal: quotes and backslashes escaped. */
const literal = (value: string) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** The STIX pattern of an indicator (not a CVE, which is a vulnerability object). */
function patternOf(indicator: Pick<Indicator, 'type' | 'value'>): { pattern: string; pattern_type: 'stix' | 'pcre' } {
  const { type, value } = indicator;
  if (type === 'ip' || type === 'cidr') {
    return { pattern: `[${value.includes(':') ? 'ipv6-addr' : 'ipv4-addr'}:value = ${literal(value)}]`, pattern_type: 'stix' };
  }
  if (type === 'hash') return { pattern: `[file:hashes.'${hashAlgorithm(value)}' = ${literal(value)}]`, pattern_type: 'stix' };
  if (type === 'text') {
    // No STIX observable holds a free phrase: a case-insensitive PCRE of the literal phrase says the same.
    return { pattern: `(?i)${value.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')}`, pattern_type: 'pcre' };
  }
  return { pattern: `[${OBSERVABLE[type]}:value = ${literal(value)}]`, pattern_type: 'stix' };
}

/**
 * Writes indicators as a STIX 2.1 bundle: CVEs as `vulnerability` objects with their CVE external
 * reference, the rest as `indicator` objects with a STIX pattern (text phrases as a PCRE pattern);
 * tags become labels, notes the description, first seen `valid_from` and expiry `valid_until`;
 * Klaxon's own fields travel as `x_klaxon_*` properties, so that the bundle imports back unchanged.
 */
export function toStixBundle(indicators: readonly Indicator[], bundleId: string): StixBundle {
  const objects = indicators.map((i): StixObject => {
    const common = {
      spec_version: '2.1',
      created: i.createdAt,
      modified: i.updatedAt,
    };
    const klaxon = {
      ...(i.tags.length > 0 ? { labels: i.tags } : {}),
      confidence: i.confidence,
      ...(i.notes ? { description: i.notes } : {}),
      x_klaxon_source: i.source,
      x_klaxon_visibility: i.visibility,
      x_klaxon_last_seen: i.lastSeenAt,
      x_klaxon_created_by: i.createdBy,
      x_klaxon_incident_ids: i.incidentIds,
    };
    if (i.type === 'cve') {
      return {
        type: 'vulnerability',
        id: `vulnerability--${i.id}`,
        ...common,
        name: i.value,
        external_references: [{ source_name: 'cve', external_id: i.value }],
        ...klaxon,
        x_klaxon_first_seen: i.firstSeenAt,
        x_klaxon_expires: i.expiresAt,
      };
    }
    return {
      type: 'indicator',
      id: `indicator--${i.id}`,
      ...common,
      name: i.value,
      ...patternOf(i),
      valid_from: i.firstSeenAt,
      ...(i.expiresAt ? { valid_until: i.expiresAt } : {}),
      ...klaxon,
    };
  });
  return { type: 'bundle', id: `bundle--${bundleId}`, objects };
}

const unescape = (text: string) => text.replace(/\\(.)/g, '$1');
const COMPARISON = /^\[\s*(ipv4-addr|ipv6-addr|domain-name|url|email-addr)\s*:\s*value\s*=\s*'((?:[^'\\]|\\.)*)'\s*\]$/;
const HASH = /^\[\s*file\s*:\s*hashes\s*\.\s*(?:'(MD5|SHA-1|SHA-256)'|(MD5|SHA1|SHA256))\s*=\s*'([0-9A-Fa-f]+)'\s*\]$/;
const PHRASE = /^\(\?i\)((?:[^\\.*+?^${}()|[\]]|\\.)+)$/;

/** The Klaxon type and value of a pattern, or why it cannot be one indicator. */
function fromPattern(patternType: unknown, pattern: unknown): { type: IndicatorType; value: string } | { error: string; field: string } {
  if (typeof pattern !== 'string') return { error: 'required: a string', field: 'pattern' };
  if (patternType === 'pcre') {
    const phrase = PHRASE.exec(pattern);
    return phrase ? { type: 'text', value: unescape(phrase[1]!) } : { error: 'only a case-insensitive literal phrase "(?i)…" is imported from a PCRE pattern', field: 'pattern' };
  }
  if (patternType !== 'stix') return { error: 'only "stix" patterns (and Klaxon text phrases as "pcre") are imported', field: 'pattern_type' };
  const hash = HASH.exec(pattern);
  if (hash) return { type: 'hash', value: hash[3]! };
  const comparison = COMPARISON.exec(pattern);
  if (!comparison) return { error: "only one comparison like [ipv4-addr:value = '…'] or [file:hashes.'SHA-256' = '…'] is imported", field: 'pattern' };
  const value = unescape(comparison[2]!);
  switch (comparison[1]) {
    case 'ipv4-addr':
    case 'ipv6-addr':
      return { type: value.includes('/') ? 'cidr' : 'ip', value };
    case 'domain-name':
      return { type: 'domain', value };
    case 'url':
      return { type: 'url', value };
    default:
      return { type: 'email', value };
  }
}

/** The STIX property an input field comes from (for error paths). */
const STIX_FIELD: Record<string, string> = {
  tags: 'labels',
  notes: 'description',
  firstSeenAt: 'valid_from',
  lastSeenAt: 'x_klaxon_last_seen',
  expiresAt: 'valid_until',
  source: 'x_klaxon_source',
  visibility: 'x_klaxon_visibility',
  incidentIds: 'x_klaxon_incident_ids',
};

function readObject(object: StixObject, path: string): { item?: ImportItem; errors: ImportError[] } {
  const errors: ImportError[] = [];
  const at = (field: string) => `${path}.${field}`;
  if (object.spec_version !== '2.1') errors.push({ path: at('spec_version'), message: 'must be "2.1"' });
  const kind = object.type as string;
  const idMatch = typeof object.id === 'string' ? /^([a-z-]+)--(.+)$/.exec(object.id) : null;
  if (!idMatch || idMatch[1] !== kind || !UUID.test(idMatch[2]!)) errors.push({ path: at('id'), message: `must be "${kind}--" and a UUID` });
  for (const field of ['created', 'modified']) {
    if (typeof object[field] !== 'string' || !Number.isFinite(Date.parse(object[field] as string))) errors.push({ path: at(field), message: 'required: an RFC 3339 timestamp' });
  }
  let type: IndicatorType = 'cve';
  let value: unknown;
  const fields = STIX_FIELD;
  let firstSeen: unknown = object.valid_from;
  let expires: unknown = object.valid_until ?? null;
  if (kind === 'indicator') {
    const found = fromPattern(object.pattern_type, object.pattern);
    if ('error' in found) errors.push({ path: at(found.field), message: found.error });
    else ({ type, value } = found);
  } else {
    const refs = Array.isArray(object.external_references) ? (object.external_references as Record<string, unknown>[]) : [];
    value = refs.find((r) => r && r.source_name === 'cve')?.external_id ?? object.name;
    if (typeof value !== 'string') errors.push({ path: at('external_references'), message: 'a vulnerability needs a CVE external reference or a CVE name' });
    firstSeen = object.x_klaxon_first_seen ?? object.created;
    expires = object.x_klaxon_expires ?? null;
  }
  if (errors.length > 0) return { errors };
  const valueField = kind === 'indicator' ? 'pattern' : 'name';
  const checked = checkImported(
    defined({
      type,
      value,
      tags: object.labels,
      confidence: object.confidence,
      source: object.x_klaxon_source,
      firstSeenAt: firstSeen,
      lastSeenAt: object.x_klaxon_last_seen,
      expiresAt: expires,
      notes: object.description,
      visibility: object.x_klaxon_visibility,
      incidentIds: object.x_klaxon_incident_ids,
    }),
    (field) => {
      const [head, ...rest] = field.split('.');
      const name = head === 'value' ? valueField : kind === 'vulnerability' && head === 'firstSeenAt' ? 'x_klaxon_first_seen' : kind === 'vulnerability' && head === 'expiresAt' ? 'x_klaxon_expires' : (fields[head!] ?? head);
      return at([name, ...rest].join('.'));
    },
  );
  if (!checked.ok) return { errors: checked.errors };
  const createdBy = object.x_klaxon_created_by;
  return {
    errors,
    item: {
      path,
      input: checked.input,
      linksPath: at('x_klaxon_incident_ids'),
      id: idMatch![2],
      ...(typeof createdBy === 'string' && createdBy ? { createdBy } : {}),
      createdAt: new Date(object.created as string).toISOString(),
      updatedAt: new Date(object.modified as string).toISOString(),
    },
  };
}

/**
 * Reads a STIX 2.1 bundle: every `indicator` (one comparison of a STIX pattern, or a Klaxon text
 * phrase) and `vulnerability` (with a CVE) becomes an import item; other object types (identities,
 * relationships, marking definitions, …) and revoked objects are passed over. Every bad object is
 * reported with its path (`objects[3].pattern`).
 */
export function readStixBundle(body: unknown): { items: ImportItem[]; errors: ImportError[]; skipped: number } {
  if (typeof body !== 'object' || body === null || (body as StixObject).type !== 'bundle') {
    return { items: [], errors: [{ path: 'type', message: 'a STIX 2.1 bundle has "type": "bundle"' }], skipped: 0 };
  }
  const objects = (body as StixObject).objects;
  if (!Array.isArray(objects)) return { items: [], errors: [{ path: 'objects', message: 'required: an array of STIX objects' }], skipped: 0 };
  const items: ImportItem[] = [];
  const errors: ImportError[] = [];
  let skipped = 0;
  objects.forEach((object: unknown, n) => {
    const path = `objects[${n}]`;
    if (typeof object !== 'object' || object === null || Array.isArray(object)) {
      errors.push({ path, message: 'not a STIX object' });
      return;
    }
    const o = object as StixObject;
    if (typeof o.type !== 'string') {
      errors.push({ path: `${path}.type`, message: 'required: a string' });
      return;
    }
    if (!KNOWN_TYPES.includes(o.type) || o.revoked === true) {
      skipped++;
      return;
    }
    const read = readObject(o, path);
    errors.push(...read.errors);
    if (read.item) items.push(read.item);
  });
  return { items, errors, skipped };
}
