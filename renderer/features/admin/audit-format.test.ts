import { describe, expect, it } from 'vitest';
import { type MessageKey, translator } from '../../i18n';
import type { Words } from '../record/history-format';
import { actionLabel, entityLabel } from '../record/history-format';
import { auditDetailLines } from './audit-format';

function words(locale: 'zh-CN' | 'en'): Words {
  const t = translator(locale);
  return {
    tr: (key, vars) => {
      const text = t(key as MessageKey, vars);
      return text === key ? null : text;
    },
    lang: locale === 'en' ? 'en' : 'zh',
  };
}
const PEOPLE = new Map([[3, '李专员']]);

describe('an audit row in words', () => {
  const zh = words('zh-CN');

  it('names the receiving district, street and date of a resettlement, not codes', () => {
    const lines = auditDetailLines(
      { entity: 'reintegrationCase', detail: { receivingDistrict: '310104', receivingStreet: '田林街道', resettledOn: '2026-11-20' } },
      zh,
      PEOPLE,
    );
    expect(lines).toEqual(['接收安置区：徐汇区', '接收街道（乡镇）：田林街道', '安置日期：2026-11-20']);
  });

  it('writes a change of a moment as a local date-time and a person by name', () => {
    const closedAt = '2026-12-05T12:50:11.000Z';
    const lines = auditDetailLines(
      { entity: 'reintegrationCase', detail: { changes: [{ field: 'closedAt', before: null, after: closedAt }, { field: 'officerId', before: null, after: 3 }], reason: '已办结' } },
      zh,
      PEOPLE,
    );
    expect(lines[0]).toMatch(/^结案时间：2026-12-0\d \d\d:\d\d$/);
    expect(lines[1]).toBe('安置专员：李专员');
    expect(lines[2]).toBe('原因：已办结');
    for (const line of lines) expect(line).not.toMatch(/[{}"]|closedAt|officerId/);
  });

  it('names the record and the action in Chinese', () => {
    expect(entityLabel('reintegrationCase', zh)).toBe('回归社会安置个案');
    expect(actionLabel('reintegrationCase.resettle', zh)).toBe('确定接收安置');
    expect(auditDetailLines({ entity: null, detail: { what: 'reintegrationDossier', caseId: 8, pdf: 'saved' } }, zh, PEOPLE)).toEqual([
      '内容：回归社会安置档案',
      '安置个案：回归社会安置个案 #8',
      '保存方式：已存为 PDF',
    ]);
  });

  it('reads in English with the English labels', () => {
    const lines = auditDetailLines({ entity: 'reintegrationCase', detail: { receivingDistrict: '310104' } }, words('en'), PEOPLE);
    expect(lines).toEqual(['Receiving district: Xuhui']);
  });
});
