/**
 * Reading electronegativity's CSV report and deciding which findings block a release.
 * Pure functions: no I/O, so tests can feed them any report text.
 */

/** One row of the report: `issue, severity, confidence, filename, location, sample, description, url`. */
export type Finding = {
  check: string;
  severity: string;
  confidence: string;
  file: string;
  location: string;
  sample: string;
  description: string;
  url: string;
};

/** The areas where any finding fails the check. */
export const BLOCKING_CATEGORIES = ['contextIsolation', 'nodeIntegration', 'sandbox', 'csp', 'navigation', 'newWindow', 'permissions'] as const;
export type BlockingCategory = (typeof BLOCKING_CATEGORIES)[number];

/** A finding looked at by a person and judged harmless, pinned to its exact file and sample so any change re-opens it. */
export type AcceptedFinding = {
  check: string;
  file: string;
  severity: string;
  confidence: string;
  sample: string;
  reason: string;
};

export type Verdict = {
  ok: boolean;
  blocking: Array<Finding & { category: BlockingCategory }>;
  accepted: Array<Finding & { reason: string }>;
  /** Findings outside the blocking areas: printed for review, never failing. */
  review: Finding[];
};

const HEADER = ['issue', 'severity', 'confidence', 'filename', 'location', 'sample', 'description', 'url'];

/** Check ids (electronegativity 1.10) by area; the patterns also catch checks a later version adds in the same area. */
const CATEGORY_PATTERNS: ReadonlyArray<readonly [RegExp, BlockingCategory]> = [
  [/^CONTEXT_ISOLATION_/, 'contextIsolation'],
  [/NODE_INTEGRATION/, 'nodeIntegration'],
  [/^SANDBOX_/, 'sandbox'],
  [/^CSP_/, 'csp'],
  [/^LIMIT_NAVIGATION_|WILL_NAVIGATE/, 'navigation'],
  [/^AUXCLICK_|^ALLOWPOPUPS_|NEW_WINDOW|WINDOW_OPEN/, 'newWindow'],
  [/^PERMISSION_REQUEST_HANDLER_/, 'permissions'],
];

export class ReportFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReportFormatError';
  }
}

/**
 * RFC 4180 CSV: fields separated by commas, records by LF or CRLF; a quoted field may hold commas,
 * line breaks and doubled quotes. Blank lines are skipped. Throws on an unterminated quote.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let fieldStarted = false;
  const endField = () => {
    record.push(field);
    field = '';
    fieldStarted = false;
  };
  const endRecord = () => {
    endField();
    if (!(record.length === 1 && record[0] === '')) records.push(record);
    record = [];
  };
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 1;
        } else {
          quoted = false;
        }
      } else {
        field += ch;
      }
      continue;
    }
    if (ch === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
    } else if (ch === ',') {
      endField();
    } else if (ch === '\n') {
      endRecord();
    } else if (ch === '\r' && text[i + 1] === '\n') {
      endRecord();
      i += 1;
    } else {
      field += ch;
      fieldStarted = true;
    }
  }
  if (quoted) throw new ReportFormatError('unterminated quoted field');
  if (field !== '' || record.length > 0) endRecord();
  return records;
}

/** Parses electronegativity's report; refuses a report whose header or rows are not the expected shape. */
export function parseElectronegativityCsv(text: string): Finding[] {
  const [header, ...rows] = parseCsv(text.replace(/^\uFEFF/, ''));
  if (!header) throw new ReportFormatError('empty report (no header line)');
  const names = header.map((name) => name.trim().toLowerCase());
  if (names.join(',') !== HEADER.join(',')) {
    throw new ReportFormatError(`unexpected header: ${header.join(',').slice(0, 200)}`);
  }
  return rows.map((row, index) => {
    if (row.length !== HEADER.length) {
      throw new ReportFormatError(`row ${index + 2} has ${row.length} fields, expected ${HEADER.length}`);
    }
    const [check, severity, confidence, file, location, sample, description, url] = row.map((value) => value.trim());
    if (!/^[A-Z0-9_]+$/.test(check)) throw new ReportFormatError(`row ${index + 2} has no check id: ${check.slice(0, 80)}`);
    return { check, severity, confidence, file, location, sample, description, url };
  });
}

/** The blocking area a check belongs to, or null when its findings are for review only. */
export function classifyCheck(check: string): BlockingCategory | null {
  for (const [pattern, category] of CATEGORY_PATTERNS) {
    if (pattern.test(check)) return category;
  }
  return null;
}

function matchesAccepted(finding: Finding, accepted: AcceptedFinding): boolean {
  return (
    finding.check === accepted.check &&
    finding.file.replaceAll('\\', '/') === accepted.file &&
    finding.severity === accepted.severity &&
    finding.confidence === accepted.confidence &&
    finding.sample === accepted.sample
  );
}

/** Splits findings into blocking, accepted-after-review and review-only; `ok` only when nothing blocks. */
export function judgeFindings(findings: readonly Finding[], acceptedList: readonly AcceptedFinding[]): Verdict {
  const verdict: Verdict = { ok: true, blocking: [], accepted: [], review: [] };
  for (const finding of findings) {
    const category = classifyCheck(finding.check);
    if (!category) {
      verdict.review.push(finding);
      continue;
    }
    const accepted = acceptedList.find((entry) => matchesAccepted(finding, entry));
    if (accepted) verdict.accepted.push({ ...finding, reason: accepted.reason });
    else verdict.blocking.push({ ...finding, category });
  }
  verdict.ok = verdict.blocking.length === 0;
  return verdict;
}

/** The one closing line of the check. */
export function summaryLine(checksScanned: number, blockingFindings: number): string {
  return `electron security: ${checksScanned} checks scanned, ${blockingFindings} blocking findings`;
}

/** One line per finding, for the console. */
export function formatFinding(finding: Finding): string {
  const where = finding.file === 'N/A' ? '(whole app)' : `${finding.file}:${finding.location}`;
  return `${finding.check} [${finding.severity}/${finding.confidence}] ${where} — ${finding.description}`;
}
