import { basename } from 'node:path';
import type { DocumentMetadata, DocumentMetadataHints, DocumentType, Validity } from './document-metadata.ts';
import { parseChineseDate } from './extract/parse-chinese-date.ts';
import { extractRegion } from './extract-region.ts';

// 国办函〔2018〕71号, 建政办函[2020]52号, 国务院令第711号
const DOCUMENT_NUMBER =
  /([\p{Script=Han}]{1,12}[〔\[【(（]\s*\d{4}\s*[〕\]】)）]\s*第?\s*\d+\s*号|[\p{Script=Han}]{1,12}令第[\d零〇一二三四五六七八九十百千]+号)/u;
const LABELLED: Array<{ field: keyof DocumentMetadataHints; pattern: RegExp }> = [
  { field: 'indexNumber', pattern: /索\s*引\s*号\s*[:：]\s*([\w/\-.]+)/ },
  { field: 'issuer', pattern: /(?:发布机构|发文机关|发文单位|信息来源)\s*[:：]\s*([^\s:：]{2,30})/ },
  { field: 'documentNumber', pattern: /(?:发文字号|文\s*号)\s*[:：]\s*(\S+号)/ },
  { field: 'writtenDate', pattern: /成文日期\s*[:：]\s*(\d{4}\s*[年\-/.]\s*\d{1,2}\s*[月\-/.]\s*\d{1,2})/ },
  {
    field: 'publishedDate',
    pattern: /(?:发布日期|发布时间|公开日期|时间)\s*[:：]\s*(\d{4}\s*[年\-/.]\s*\d{1,2}\s*[月\-/.]\s*\d{1,2})/,
  },
  { field: 'validity', pattern: /有\s*效\s*性\s*[:：]\s*(有效|失效|废止|已修订|尚未生效)/ },
  { field: 'topic', pattern: /主题分类\s*[:：]\s*(\S+)/ },
];
const TABLE_LABELS: Record<string, keyof DocumentMetadataHints | undefined> = {
  索引号: 'indexNumber',
  发布机构: 'issuer',
  发文机关: 'issuer',
  文号: 'documentNumber',
  发文字号: 'documentNumber',
  公开方式: undefined,
  主题分类: 'topic',
};

/**
 * Works out a document's metadata. Precedence: sidecar (front matter or manifest) > what the format carried
 * (gov.cn info table, statute header) > labelled header lines in the text > inference from title and file name.
 */
export function extractMetadata(options: {
  text: string;
  sourceUri: string;
  formatHints: DocumentMetadataHints;
  sidecar?: DocumentMetadataHints;
}): DocumentMetadata {
  const head = options.text.split('\n').slice(0, 30);
  const fromText = { ...readLabelledLines(head), ...readHeaderTable(head) };
  const merged: DocumentMetadataHints = { ...fromText, ...strip(options.formatHints), ...strip(options.sidecar ?? {}) };

  let title = merged.title ?? guessTitle(head, options.sourceUri);
  const numberInTitle = /[(（]([^()（）]*号)[)）]\s*$/.exec(title);
  if (numberInTitle) {
    title = title.slice(0, numberInTitle.index).trim();
    merged.documentNumber ??= numberInTitle[1];
  }
  const articles = options.text.match(/^第[零〇一二两三四五六七八九十百千\d]+条[\s　]/gm)?.length ?? 0;
  const classified = classify(title);
  // A text made of numbered articles (第X条) is a normative document even when its title does not say so (民法典 合同编).
  const docType = merged.docType ?? (classified === 'policy' && articles >= 3 ? 'regulation' : classified);
  // An interpretation's opening lines cite the policy's 文号, which is not the interpretation's own.
  if (docType !== 'interpretation') merged.documentNumber ??= DOCUMENT_NUMBER.exec(head.slice(0, 8).join('\n'))?.[1];
  merged.issuer ??= /^(.{2,24}?)关于/.exec(title)?.[1];
  merged.writtenDate ??= head
    .map((line) => (/^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$/.test(line) ? parseChineseDate(line) : undefined))
    .find(Boolean);
  merged.publishedDate ??= parseChineseDate(/\((\d{4}-\d{2}-\d{2})\)/.exec(basename(options.sourceUri))?.[1] ?? '');
  return {
    title,
    docType,
    indexNumber: merged.indexNumber,
    issuer: merged.issuer,
    documentNumber: merged.documentNumber?.replace(/\s+/g, ''),
    writtenDate: merged.writtenDate,
    publishedDate: merged.publishedDate,
    effectiveDate: merged.effectiveDate,
    validity: merged.validity ?? validityFromTitle(title),
    topic: merged.topic,
    interprets: merged.interprets ?? (docType === 'interpretation' ? findInterpreted(title, options.text) : undefined),
    sourceUrl: merged.sourceUrl,
    approver: merged.approver,
    expiresOn: merged.expiresOn,
    region: merged.region ?? extractRegion({ title, issuer: merged.issuer }),
  };
}

/** Groups editions of the same regulation: the title without 中华人民共和国, brackets, punctuation and spaces. */
export function familyKey(title: string): string {
  return title
    .replace(/^中华人民共和国/, '')
    .replace(/[(（][^()（）]*(\d{4}|修订|修正|试行|草案)[^()（）]*[)）]/g, '')
    .replace(/[\s《》“”"'、，,。·]/g, '');
}

function classify(title: string): DocumentType {
  if (/口径/.test(title)) return 'talking-points';
  if (/解读|答记者问|新闻发布会|吹风会|图解/.test(title)) return 'interpretation';
  if (/问答|常见问题|FAQ|Q&A|十问|百问/i.test(title)) return 'faq';
  if (/(报告|总结|年报|情况|统计)$/.test(title)) return 'report';
  if (/(通知|通告|公告|公示|启事)$/.test(title) && !/印发|转发|颁布|发布.*[办法规定条例]/.test(title)) return 'notice';
  if (/(法|条例|规定|办法|细则|规则|决定|解释|章程|准则|修正案|批复)(（[^）]*）|\([^)]*\))?$/.test(title))
    return 'regulation';
  return 'policy';
}

function validityFromTitle(title: string): Validity {
  if (/[（(]?(已废止|废止)[）)]?$/.test(title)) return '废止';
  if (/[（(]?(已失效|失效)[）)]?$/.test(title)) return '失效';
  return '有效';
}

function findInterpreted(title: string, text: string): string | undefined {
  const quoted = /《([^》]{4,80})》/.exec(title) ?? /《([^》]{4,80})》/.exec(text.slice(0, 600));
  if (quoted) return quoted[1];
  return DOCUMENT_NUMBER.exec(text.slice(0, 600))?.[1];
}

// Lines of a page's information block, which are never the title.
const METADATA_LINE =
  /(索\s*引\s*号|公开方式|发布机构|信息来源|发布日期|成文日期|发文字号|浏览次数)|^(时间|来源|日期)\s*[:：]|^[\w/\-.]+\s+主动公开/;

function guessTitle(head: string[], sourceUri: string): string {
  const first = head.find((line) => line.trim().length > 0 && !METADATA_LINE.test(line))?.trim() ?? '';
  if (first.length > 0 && first.length <= 60 && !/[。；]$/.test(first)) return first;
  // Single-line exports put the title before the first space.
  const beforeSpace = first.split(' ')[0] ?? '';
  if (beforeSpace.length >= 4 && beforeSpace.length <= 60) return beforeSpace;
  const stem = basename(sourceUri).replace(/\.[^.]+$/, '');
  if (!/^[0-9a-f_]{8,}$/i.test(stem)) return stem;
  return first.length > 0 ? `${first.slice(0, 30)}…` : stem;
}

function readLabelledLines(head: string[]): DocumentMetadataHints {
  const hints: Record<string, string> = {};
  const text = head.join('\n');
  for (const { field, pattern } of LABELLED) {
    const value = pattern.exec(text)?.[1];
    if (!value) continue;
    hints[field] = field === 'writtenDate' || field === 'publishedDate' ? (parseChineseDate(value) ?? '') : value;
    if (hints[field] === '') delete hints[field];
  }
  return hints as DocumentMetadataHints;
}

// "索引号 公开方式 发布机构" followed by "116223010153210935/2018-14316 主动公开 凉州区四坝镇人民政府".
function readHeaderTable(head: string[]): DocumentMetadataHints {
  const hints: Record<string, string> = {};
  head.forEach((line, index) => {
    const labels = line.trim().split(/\s+/);
    const values = head[index + 1]?.trim().split(/\s+/) ?? [];
    if (labels.length < 2 || labels.length !== values.length || !labels.every((label) => label in TABLE_LABELS)) return;
    labels.forEach((label, position) => {
      const field = TABLE_LABELS[label];
      if (field) hints[field] = values[position]!;
    });
  });
  return hints as DocumentMetadataHints;
}

function strip(hints: DocumentMetadataHints): DocumentMetadataHints {
  return Object.fromEntries(
    Object.entries(hints).filter(([, value]) => value !== undefined && value !== ''),
  ) as DocumentMetadataHints;
}
