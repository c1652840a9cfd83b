import type { DocumentSummary } from '../../ingest/document-queries.ts';
import type { DocumentType } from '../../ingest/document-metadata.ts';

/** A document type as a reviewer reads it. */
export const TYPE_LABELS: Record<DocumentType, string> = {
  regulation: '法规规章',
  policy: '政策文件',
  interpretation: '政策解读',
  faq: '常见问题',
  'talking-points': '口径',
  notice: '通知公告',
  report: '报告',
};

/** Whether a document is the current text, as a reviewer reads it. */
export const STATUS_LABELS: Record<DocumentSummary['status'], string> = {
  current: '现行',
  superseded: '已被新版本取代',
  withdrawn: '来源已撤下',
};
