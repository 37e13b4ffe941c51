import type { Indicator } from '../../../shared/schemas/intel.js';
import { checkImported, defined, type ImportError, type ImportItem } from './import-item.js';

/** The CSV columns, in the order export writes them; import needs `type` and `value`, the rest are optional. */
export const CSV_COLUMNS = [
  'id',
  'type',
  'value',
  'tags',
  'confidence',
  'source',
  'first_seen',
  'last_seen',
  'expires',
  'visibility',
  'notes',
  'incident_ids',
  'created_by',
  'created_at',
  'updated_at',
] as const;
type Column = (typeof CSV_COLUMNS)[number];

/** The input field each column fills (for error paths). */
const FIELD_COLUMN: Record<string, Column> = {
  type: 'type',
  value: 'value',
  tags: 'tags',
  confidence: 'confidence',
  source: 'source',
  firstSeenAt: 'first_seen',
  lastSeenAt: 'last_seen',
  expiresAt: 'expires',
  visibility: 'visibility',
  notes: 'notes',
  incidentIds: 'incident_ids',
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Characters that make a spreadsheet read a cell as a formula (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Guards a cell against spreadsheet formula injection: one that a spreadsheet would run as a formula
 * is written with a leading "'" (shown as text); `fromCell` takes it off again on import, so an export
 * still imports back unchanged.
 */
export function toCell(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/** Undoes `toCell`. */
export function fromCell(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}

function quote(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** Writes indicators as CSV (RFC 4180, a header line; tags and incident ids joined with ";"). */
export function toCsv(indicators: readonly Indicator[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const i of indicators) {
    const cells: Record<Column, string> = {
      id: i.id,
      type: i.type,
      value: i.value,
      tags: i.tags.join(';'),
      confidence: String(i.confidence),
      source: i.source,
      first_seen: i.firstSeenAt,
      last_seen: i.lastSeenAt,
      expires: i.expiresAt ?? '',
      visibility: i.visibility,
      notes: i.notes,
      incident_ids: i.incidentIds.join(';'),
      created_by: i.createdBy,
      created_at: i.createdAt,
      updated_at: i.updatedAt,
    };
    lines.push(CSV_COLUMNS.map((c) => quote(toCell(cells[c]))).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * Splits CSV text into records of cells (RFC 4180: quoted cells may hold commas, quotes as "" and
 * line breaks). Each record carries the line it starts on. Throws on an unterminated quote.
 */
export function parseCsv(text: string): { line: number; cells: string[] }[] {
  const records: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        if (c === '\n') line++;
        cell += c;
      }
    } else if (c === '"' && cell === '') {
      quoted = true;
    } else if (c === ',') {
      cells.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      cells.push(cell);
      if (cells.length > 1 || cells[0] !== '') records.push({ line: start, cells });
      cells = [];
      cell = '';
      line++;
      start = line;
    } else {
      cell += c;
    }
  }
  if (quoted) throw new Error(`line ${start}: a quoted cell is not closed`);
  cells.push(cell);
  if (cells.length > 1 || cells[0] !== '') records.push({ line: start, cells });
  return records;
}

const list = (cell: string | undefined) => (cell === undefined || cell === '' ? undefined : cell.split(';').map((s) => s.trim()).filter((s) => s));
const text = (cell: string | undefined) => (cell === undefined || cell === '' ? undefined : cell);

/**
 * Reads indicators from CSV with a header line naming its columns (see `CSV_COLUMNS`; unknown
 * columns are refused). Every bad row is reported as "row N: column" (N counts lines of the file,
 * the header being row 1).
 */
export function readCsv(body: string): { items: ImportItem[]; errors: ImportError[] } {
  let records: { line: number; cells: string[] }[];
  try {
    records = parseCsv(body.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { items: [], errors: [{ path: 'row 1', message: (error as Error).message }] };
  }
  const header = records.shift();
  if (!header) return { items: [], errors: [{ path: 'row 1', message: 'the file is empty: a header line is needed' }] };
  const columns = header.cells.map((c) => c.trim().toLowerCase());
  const unknown = columns.filter((c) => !(CSV_COLUMNS as readonly string[]).includes(c));
  const missing = ['type', 'value'].filter((c) => !columns.includes(c));
  if (unknown.length > 0 || missing.length > 0) {
    const why = [...unknown.map((c) => `unknown column "${c}"`), ...missing.map((c) => `no "${c}" column`)];
    return { items: [], errors: [{ path: 'row 1', message: `${why.join('; ')} (columns: ${CSV_COLUMNS.join(', ')})` }] };
  }
  const items: ImportItem[] = [];
  const errors: ImportError[] = [];
  for (const record of records) {
    const path = `row ${record.line}`;
    if (record.cells.length !== columns.length) {
      errors.push({ path, message: `${record.cells.length} cells where the header has ${columns.length}` });
      continue;
    }
    const row = Object.fromEntries(columns.map((c, n) => [c, fromCell(record.cells[n]!)])) as Partial<Record<Column, string>>;
    const confidence = text(row.confidence);
    const checked = checkImported(
      defined({
        type: row.type?.trim().toLowerCase(),
        value: row.value,
        tags: list(row.tags),
        confidence: confidence === undefined ? undefined : /^\d+$/.test(confidence) ? Number(confidence) : confidence,
        source: text(row.source),
        firstSeenAt: text(row.first_seen),
        lastSeenAt: text(row.last_seen),
        expiresAt: text(row.expires) ?? null,
        visibility: text(row.visibility),
        notes: text(row.notes),
        incidentIds: list(row.incident_ids),
      }),
      (field) => {
        const [head, ...rest] = field.split('.');
        return `${path}: ${[FIELD_COLUMN[head!] ?? head, ...rest].join('.')}`;
      },
    );
    if (!checked.ok) {
      errors.push(...checked.errors);
      continue;
    }
    const id = text(row.id);
    if (id !== undefined && !UUID.test(id)) {
      errors.push({ path: `${path}: id`, message: 'an id is a UUID (as Klaxon exports it)' });
      continue;
    }
    const instant = (cell: string | undefined) => (cell && Number.isFinite(Date.parse(cell)) ? new Date(cell).toISOString() : undefined);
    items.push(
      defined({ path, input: checked.input, linksPath: `${path}: incident_ids`, id, createdBy: text(row.created_by), createdAt: instant(row.created_at), updatedAt: instant(row.updated_at) }) as unknown as ImportItem,
    );
  }
  return { items, errors };
}
