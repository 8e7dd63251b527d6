import { describe, expect, it } from 'vitest';
import { ACCEPTED_FINDINGS } from '../../../scripts/electron-security/accepted';
import {
  type AcceptedFinding,
  type Finding,
  ReportFormatError,
  classifyCheck,
  judgeFindings,
  parseCsv,
  parseElectronegativityCsv,
  summaryLine,
} from '../../../scripts/electron-security/csv';

const HEADER = 'issue, severity, confidence, filename, location, sample, description, url';
const wiki = (id: string) => `https://github.com/doyensec/electronegativity/wiki/${id}`;

/** A report as electronegativity 1.10 writes it: id unquoted, other fields quoted, nulls as bare N/A. */
function report(rows: string[], eol = '\n'): string {
  return [HEADER, ...rows].join(eol) + eol;
}

const preloadRow = `PRELOAD_JS_CHECK,"MEDIUM","FIRM","electron/main/index.ts","71:6","preload: preloadScript,","Review the use of preload scripts",${wiki('PRELOAD_JS_CHECK')}`;
const contextIsolationRow = `CONTEXT_ISOLATION_JS_CHECK,"HIGH","FIRM","electron/main/index.ts","72:6","contextIsolation: false,","Review the use of the contextIsolation option",${wiki('CONTEXT_ISOLATION_JS_CHECK')}`;
const noCspRow = `CSP_GLOBAL_CHECK,"MEDIUM","CERTAIN","N/A","0:0",N/A,"No CSP has been detected in the target application",${wiki('CSP_GLOBAL_CHECK')}`;

function finding(check: string, extra: Partial<Finding> = {}): Finding {
  return { check, severity: 'HIGH', confidence: 'FIRM', file: 'electron/main/index.ts', location: '1:0', sample: 'x', description: 'd', url: wiki(check), ...extra };
}

describe('parseCsv', () => {
  it('splits plain fields and records', () => {
    expect(parseCsv('a,b,c\n1,2,3\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
    ]);
  });

  it('keeps commas, doubled quotes and line breaks inside quoted fields', () => {
    expect(parseCsv('id,"a, b","say ""hi""","two\nlines"\n')).toEqual([['id', 'a, b', 'say "hi"', 'two\nlines']]);
  });

  it('accepts CRLF line ends (electronegativity uses os.EOL) and skips blank lines', () => {
    expect(parseCsv('a,b\r\n\r\n1,2\r\n')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('keeps empty fields and a last record without a line end', () => {
    expect(parseCsv('a,,"",b\nx,y')).toEqual([
      ['a', '', '', 'b'],
      ['x', 'y'],
    ]);
  });

  it('keeps a quote that appears inside an unquoted field', () => {
    expect(parseCsv('a,b"c\n')).toEqual([['a', 'b"c']]);
  });

  it('refuses an unterminated quoted field', () => {
    expect(() => parseCsv('a,"b\n')).toThrow(ReportFormatError);
  });
});

describe('parseElectronegativityCsv', () => {
  it('reads every column of a real report row, bare N/A included', () => {
    const [preload, noCsp] = parseElectronegativityCsv(report([preloadRow, noCspRow], '\r\n'));
    expect(preload).toEqual({
      check: 'PRELOAD_JS_CHECK',
      severity: 'MEDIUM',
      confidence: 'FIRM',
      file: 'electron/main/index.ts',
      location: '71:6',
      sample: 'preload: preloadScript,',
      description: 'Review the use of preload scripts',
      url: wiki('PRELOAD_JS_CHECK'),
    });
    expect(noCsp).toMatchObject({ check: 'CSP_GLOBAL_CHECK', file: 'N/A', sample: 'N/A', location: '0:0' });
  });

  it('reads a CSP sample full of quotes and semicolons as one field', () => {
    const policy = "default-src 'self'; script-src 'self', 'unsafe-inline'";
    const row = `CSP_GLOBAL_CHECK,"LOW","FIRM","renderer/index.html","5:0","${policy}","One or more CSP directives detected seems to be vulnerable",${wiki('CSP_GLOBAL_CHECK')}`;
    expect(parseElectronegativityCsv(report([row]))[0].sample).toBe(policy);
  });

  it('returns no findings for a header-only report', () => {
    expect(parseElectronegativityCsv(report([]))).toEqual([]);
  });

  it('refuses an empty report, a wrong header and a torn row', () => {
    expect(() => parseElectronegativityCsv('')).toThrow(/empty report/);
    expect(() => parseElectronegativityCsv(report([preloadRow]).replace('issue,', 'check,'))).toThrow(/unexpected header/);
    // What a header written over the start of the rows looks like.
    expect(() => parseElectronegativityCsv(`${HEADER}\n"71:6","preload",x\n`)).toThrow(/row 2 has 3 fields/);
    expect(() => parseElectronegativityCsv(report([`"not an id","HIGH","FIRM","f","1:1","s","d","u"`]))).toThrow(/no check id/);
  });
});

describe('classifyCheck', () => {
  it.each([
    ['CONTEXT_ISOLATION_JS_CHECK', 'contextIsolation'],
    ['NODE_INTEGRATION_JS_CHECK', 'nodeIntegration'],
    ['NODE_INTEGRATION_HTML_CHECK', 'nodeIntegration'],
    ['NODE_INTEGRATION_ATTACH_EVENT_JS_CHECK', 'nodeIntegration'],
    ['HTTP_RESOURCES_WITH_NODE_INTEGRATION_GLOBAL_CHECK', 'nodeIntegration'],
    ['SANDBOX_JS_CHECK', 'sandbox'],
    ['CSP_GLOBAL_CHECK', 'csp'],
    ['CSP_JS_CHECK', 'csp'],
    ['CSP_HTML_CHECK', 'csp'],
    ['LIMIT_NAVIGATION_GLOBAL_CHECK', 'navigation'],
    ['LIMIT_NAVIGATION_JS_CHECK', 'navigation'],
    ['AUXCLICK_JS_CHECK', 'newWindow'],
    ['AUXCLICK_HTML_CHECK', 'newWindow'],
    ['ALLOWPOPUPS_HTML_CHECK', 'newWindow'],
    ['PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK', 'permissions'],
    ['PERMISSION_REQUEST_HANDLER_JS_CHECK', 'permissions'],
  ])('%s blocks as %s', (check, category) => {
    expect(classifyCheck(check)).toBe(category);
  });

  it.each(['PRELOAD_JS_CHECK', 'ELECTRON_VERSION_JSON_CHECK', 'OPEN_EXTERNAL_JS_CHECK', 'DANGEROUS_FUNCTIONS_JS_CHECK', 'REMOTE_MODULE_JS_CHECK'])(
    '%s is for review only',
    (check) => {
      expect(classifyCheck(check)).toBeNull();
    },
  );
});

describe('judgeFindings', () => {
  it('fails on a blocking finding and says which area it is in', () => {
    const verdict = judgeFindings(parseElectronegativityCsv(report([preloadRow, contextIsolationRow])), []);
    expect(verdict.ok).toBe(false);
    expect(verdict.blocking).toHaveLength(1);
    expect(verdict.blocking[0]).toMatchObject({ check: 'CONTEXT_ISOLATION_JS_CHECK', category: 'contextIsolation' });
    expect(verdict.review.map((f) => f.check)).toEqual(['PRELOAD_JS_CHECK']);
  });

  it('fails when no CSP is found at all', () => {
    const verdict = judgeFindings(parseElectronegativityCsv(report([noCspRow])), ACCEPTED_FINDINGS);
    expect(verdict.ok).toBe(false);
    expect(verdict.blocking[0].category).toBe('csp');
  });

  it('passes when only review findings remain', () => {
    const verdict = judgeFindings(parseElectronegativityCsv(report([preloadRow])), []);
    expect(verdict).toMatchObject({ ok: true, blocking: [], accepted: [] });
  });

  it('passes a clean report', () => {
    expect(judgeFindings([], []).ok).toBe(true);
  });

  describe('accepted findings', () => {
    const accepted: AcceptedFinding = { check: 'CSP_GLOBAL_CHECK', file: 'renderer/index.html', severity: 'LOW', confidence: 'FIRM', sample: "script-src 'self'", reason: 'reviewed' };
    const match = finding('CSP_GLOBAL_CHECK', { file: 'renderer/index.html', severity: 'LOW', confidence: 'FIRM', sample: "script-src 'self'" });

    it('lets through exactly the reviewed finding, with its reason', () => {
      const verdict = judgeFindings([match], [accepted]);
      expect(verdict.ok).toBe(true);
      expect(verdict.accepted).toEqual([{ ...match, reason: 'reviewed' }]);
    });

    it('matches Windows paths too', () => {
      expect(judgeFindings([{ ...match, file: 'renderer\\index.html' }], [accepted]).ok).toBe(true);
    });

    it.each([
      ['a changed policy', { sample: "script-src 'self' 'unsafe-eval'" }],
      ['a firmer verdict (weak, not maybe weak)', { confidence: 'CERTAIN' }],
      ['another file', { file: 'renderer/other.html' }],
      ['another check', { check: 'CSP_HTML_CHECK' }],
    ])('blocks again on %s', (_why, change) => {
      const verdict = judgeFindings([{ ...match, ...change }], [accepted]);
      expect(verdict.ok).toBe(false);
      expect(verdict.accepted).toEqual([]);
    });
  });

  it('every accepted entry is in a blocking area and says why', () => {
    for (const entry of ACCEPTED_FINDINGS) {
      expect(classifyCheck(entry.check)).not.toBeNull();
      expect(entry.reason.length).toBeGreaterThan(40);
    }
  });
});

describe('summaryLine', () => {
  it('is the one closing line', () => {
    expect(summaryLine(41, 0)).toBe('electron security: 41 checks scanned, 0 blocking findings');
    expect(summaryLine(41, 2)).toBe('electron security: 41 checks scanned, 2 blocking findings');
  });
});
