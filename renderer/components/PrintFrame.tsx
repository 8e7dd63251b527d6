import { useEffect, useState } from 'react';
import type { ChildRecord } from '../../shared/contract/record';
import { districtName } from '../../shared/domain/districts';
import { call } from '../api/client';
import classes from './PrintDoc.module.css';

/** A string as a CSS string literal (for the page margin boxes' `content`). */
function cssString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, ' ')}"`;
}

/**
 * The printed pages' running head and foot (Chromium's @page margin boxes, in printToPDF and in the
 * print dialog alike): the child's name and ID number and the document number on every page, and
 * 第x页 共y页 at the foot. Renders a <style> element only.
 */
export function PrintPageFrame({ name, idNumber, docNumber }: { name: string; idNumber: string | null; docNumber: string }) {
  const head = `姓名：${name}\u3000身份证号：${idNumber ?? '无'}`;
  // The print font stack of PrintDoc.module.css (TrueType-outline CJK fonts first, embedded as real fonts).
  const font = `font-family: 'Microsoft YaHei', 'SimSun', 'WenQuanYi Zen Hei', 'AR PL UMing CN', 'Noto Sans CJK SC', sans-serif; font-size: 9pt; color: #444;`;
  const css = `@media print {
  @page {
    size: A4;
    margin: 18mm 14mm 16mm;
    @top-left { content: ${cssString(head)}; ${font} }
    @top-right { content: ${cssString(`文书编号：${docNumber}`)}; ${font} }
    @bottom-center { content: "第 " counter(page) " 页  共 " counter(pages) " 页"; ${font} }
  }
}`;
  return <style data-testid="print-page-frame">{css}</style>;
}

/** The document number of a printed document: 童护回归〔2026〕第8号. */
export function documentNumber(kind: '回归' | '概况', year: string, id: number): string {
  return `童护${kind}〔${year}〕第${id}号`;
}

/** 户籍地址 as the record has it: 上海市徐汇区田林街道, 外省市, or 无. */
export function hukouAddress(child: Pick<ChildRecord['child'], 'hukouKind' | 'hukouDistrictCode' | 'hukouStreet'>): string {
  if (child.hukouKind === 'shanghai') return `上海市${(child.hukouDistrictCode && districtName(child.hukouDistrictCode)) || ''}${child.hukouStreet ?? ''}`;
  if (child.hukouKind === 'other') return '外省市';
  return '无';
}

/** The guardians in force on `day` (name and kind), or 无. */
export function guardiansOn(record: Pick<ChildRecord, 'guardianships'>, day: string): string {
  const kinds: Record<string, string> = { parent: '父母', relative: '亲属', civilAffairs: '民政部门', municipalInstitution: '市级儿童福利机构', other: '其他' };
  const current = record.guardianships.filter((g) => g.voidedAt === null && g.from <= day && (g.to === null || g.to >= day));
  return current.length === 0 ? '无' : current.map((g) => `${g.guardianName}（${kinds[g.guardianKind] ?? g.guardianKind}${g.courtAppointed ? '，法院指定' : ''}）`).join('；');
}

/**
 * The identity block of a printed document beside the photo: 户籍地址 and 监护人 from the child's
 * record, and the photo (an empty 照片 box when there is none or it may not be read).
 */
export function PrintIdentity({ childId, day }: { childId: number; day: string }) {
  const [record, setRecord] = useState<ChildRecord | null>(null);
  const [photo, setPhoto] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    call('record:get', { childId })
      .then((r) => {
        if (cancelled) return;
        setRecord(r);
        if (r.child.photoDocumentId !== null) {
          call('record:getDocument', { childId, id: r.child.photoDocumentId })
            .then((d) => !cancelled && setPhoto(`data:${d.mime};base64,${d.contentBase64}`))
            .catch(() => undefined);
        }
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [childId]);
  return (
    <div className={classes.identity}>
      <table>
        <tbody>
          <tr>
            <th>户籍地址</th>
            <td data-testid="print-hukou">{record ? hukouAddress(record.child) : ''}</td>
          </tr>
          <tr>
            <th>监护人</th>
            <td data-testid="print-guardian">{record ? guardiansOn(record, day) : ''}</td>
          </tr>
        </tbody>
      </table>
      <div className={classes.photo} data-testid="print-photo">
        {photo ? <img src={photo} alt="照片" /> : <span>照片</span>}
      </div>
    </div>
  );
}

/** Signature and seal lines side by side, each with its date to fill in (two lines tall, so a one-page summary stays one page). */
export function PrintSignatures({ signers, issuer }: { signers: { role: string; name?: string | null }[]; issuer: string | null }) {
  const date = (
    <span>
      日期：<span className={classes.blankShort} />年<span className={classes.blankTiny} />月<span className={classes.blankTiny} />日
    </span>
  );
  return (
    <div className={classes.signatures} data-testid="print-signatures">
      {signers.map((s) => (
        <div key={s.role} className={classes.signCell}>
          <span>
            {s.role}（签字）：<span className={classes.blank}>{s.name ?? ''}</span>
          </span>
          {date}
        </div>
      ))}
      <div className={classes.signCell}>
        <span>
          出具单位（盖章）：<span className={classes.blank}>{issuer ?? ''}</span>
        </span>
        {date}
      </div>
    </div>
  );
}
