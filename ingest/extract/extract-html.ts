import { HTMLElement, Node, NodeType, parse } from 'node-html-parser';
import { decodeText, declaredHtmlCharset } from '../decode-text.ts';
import type { DocumentMetadataHints } from '../document-metadata.ts';
import { normaliseText } from '../normalise-text.ts';
import { parseChineseDate } from './parse-chinese-date.ts';
import type { ExtractedDocument } from './extracted-document.ts';

// Where government CMSs put the document body, most specific first.
const CONTENT_SELECTORS = [
  '#UCAP-CONTENT',
  '.TRS_Editor',
  '#zoom',
  '.pages_content',
  '.article-content',
  '.article_content',
  '#content',
  '.content',
  'article',
  'main',
];
const FURNITURE =
  /(^|[-_\s])(nav|navbar|menu|footer|header|share|bdsharebuttonbox|breadcrumb|crumbs?|sidebar|related|toolbar|position|location)([-_\s]|$)/i;
const REMOVE_TAGS = [
  'script',
  'style',
  'noscript',
  'iframe',
  'nav',
  'header',
  'footer',
  'form',
  'button',
  'select',
  'svg',
];
const BLOCK_TAGS = new Set([
  'p',
  'div',
  'br',
  'li',
  'tr',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'table',
  'section',
  'article',
  'ul',
  'ol',
  'blockquote',
  'pre',
  'hr',
  'dd',
  'dt',
]);

// The labels of gov.cn's information table, mapped to metadata fields.
const INFO_LABELS: Record<string, keyof DocumentMetadataHints | undefined> = {
  索引号: 'indexNumber',
  主题分类: 'topic',
  发文机关: 'issuer',
  发布机构: 'issuer',
  成文日期: 'writtenDate',
  标题: 'title',
  发文字号: 'documentNumber',
  文号: 'documentNumber',
  发布日期: 'publishedDate',
  有效性: 'validity',
  主题词: undefined,
  公开方式: undefined,
};

/** Extracts the document text and gov.cn-style information table from an HTML page (UTF-8 or GBK). */
export function extractHtml(bytes: Uint8Array, options: { source: string }): ExtractedDocument {
  const { text: html, encoding } = decodeText(bytes, {
    declaredCharset: declaredHtmlCharset(bytes),
    source: options.source,
  });
  const root = parse(html, {
    comment: false,
    blockTextElements: { script: false, style: false, noscript: false, pre: true },
  });
  const hints = readInfoTable(root);
  const pageTitle = root.querySelector('title')?.text.trim();
  for (const tag of REMOVE_TAGS) root.querySelectorAll(tag).forEach((element) => element.remove());
  root.querySelectorAll('[class], [id]').forEach((element) => {
    if (FURNITURE.test(`${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`)) element.remove();
  });
  const content =
    CONTENT_SELECTORS.map((selector) => root.querySelector(selector)).find(
      (element) => element && element.text.trim().length > 50,
    ) ?? root;
  const heading = root.querySelector('h1')?.text.trim();
  if (!hints.title) hints.title = heading || pageTitle?.split(/[_|-]/)[0]?.trim() || undefined;
  return { format: 'html', text: normaliseText(toText(content)), encoding, hints };
}

function readInfoTable(root: HTMLElement): DocumentMetadataHints {
  const hints: DocumentMetadataHints = {};
  for (const cell of root.querySelectorAll('td, th')) {
    const label = cell.text.replace(/[\s\u3000:：]/g, '');
    if (!(label in INFO_LABELS)) continue;
    const field = INFO_LABELS[label];
    const value = nextElement(cell)?.text.replace(/\s+/g, ' ').trim();
    if (!field || !value) continue;
    if (field === 'writtenDate' || field === 'publishedDate') {
      const date = parseChineseDate(value);
      if (date) hints[field] = date;
    } else if (field === 'validity') {
      if (['有效', '失效', '废止', '已修订', '尚未生效'].includes(value))
        hints.validity = value as DocumentMetadataHints['validity'];
    } else {
      (hints as Record<string, string>)[field] = value;
    }
  }
  return hints;
}

function nextElement(cell: HTMLElement): HTMLElement | undefined {
  let sibling = cell.nextElementSibling;
  while (sibling && sibling.nodeType !== NodeType.ELEMENT_NODE) sibling = sibling.nextElementSibling;
  return sibling ?? undefined;
}

function toText(node: Node): string {
  if (node.nodeType === NodeType.TEXT_NODE) return node.text.replace(/\s+/g, ' ');
  if (node.nodeType !== NodeType.ELEMENT_NODE) return '';
  const element = node as HTMLElement;
  const tag = element.rawTagName?.toLowerCase() ?? '';
  const inner = element.childNodes.map(toText).join('');
  if (tag === 'td' || tag === 'th') return `${inner} `;
  return BLOCK_TAGS.has(tag) ? `\n${inner}\n` : inner;
}
