import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { z } from 'zod';
import { HuiyingError } from '../config/huiying-error.ts';
import { parseRegionPath } from './extract-region.ts';
import { DOCUMENT_TYPES, VALIDITY_VALUES, type DocumentMetadataHints } from './document-metadata.ts';

/** A manifest in a folder gives metadata for files in and below it: one JSON object per line with a `path`. */
export const MANIFEST_FILE = 'huiying-manifest.jsonl';
/** A sidecar beside a file: `<file>.meta.json`. */
export const SIDECAR_SUFFIX = '.meta.json';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'dates are written YYYY-MM-DD');

/** Metadata a person may give for a document; it wins over what huiying extracts. */
export const sidecarSchema = z
  .object({
    title: z.string().min(1),
    type: z.enum(DOCUMENT_TYPES),
    indexNumber: z.string(),
    issuer: z.string(),
    documentNumber: z.string(),
    writtenDate: isoDate,
    publishedDate: isoDate,
    effectiveDate: isoDate,
    validity: z.enum(VALIDITY_VALUES),
    topic: z.string(),
    interprets: z.string(),
    sourceUrl: z.string().url(),
    approver: z.string().min(1),
    expiresOn: isoDate,
    // 浙江省/杭州市/建德市, or 全国 for a national document.
    region: z.string().transform((text, context) => {
      const region = parseRegionPath(text);
      if (region === undefined) {
        context.addIssue({ code: 'custom', message: 'a region is written 省/市/区县 (浙江省/杭州市/建德市), or 全国' });
        return z.NEVER;
      }
      return region;
    }),
  })
  .partial()
  .strict();

// Front matter may use the labels printed on government pages.
const CHINESE_KEYS: Record<string, string> = {
  标题: 'title',
  类型: 'type',
  索引号: 'indexNumber',
  发布机构: 'issuer',
  发文机关: 'issuer',
  文号: 'documentNumber',
  发文字号: 'documentNumber',
  成文日期: 'writtenDate',
  发布日期: 'publishedDate',
  施行日期: 'effectiveDate',
  有效性: 'validity',
  主题分类: 'topic',
  解读对象: 'interprets',
  来源: 'sourceUrl',
  审核人: 'approver',
  批准人: 'approver',
  有效期至: 'expiresOn',
  地区: 'region',
  适用地区: 'region',
  行政区划: 'region',
};

/** Parses sidecar fields (from JSON, a manifest line or front matter) into metadata hints; a bad field is a clear error. */
export function parseSidecar(value: unknown, options: { source: string }): DocumentMetadataHints {
  const renamed = Object.fromEntries(
    Object.entries((value ?? {}) as Record<string, unknown>).map(([key, field]) => [CHINESE_KEYS[key] ?? key, field]),
  );
  const parsed = sidecarSchema.safeParse(renamed);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `${issue.path.join('.') || 'field'}: ${issue.message}`)
      .join('; ');
    throw new HuiyingError({
      code: 'source-corrupt',
      message: `Metadata for ${options.source} is invalid (${problems}). Fix the sidecar, manifest line or front matter.`,
    });
  }
  const { type, ...rest } = parsed.data;
  return { ...rest, ...(type ? { docType: type } : {}) };
}

/** Splits `---` front matter (simple `key: value` lines) from Markdown or text. */
export function splitFrontMatter(text: string): { fields?: Record<string, string>; body: string } {
  const match = /^\ufeff?---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
  if (!match) return { body: text };
  const fields: Record<string, string> = {};
  for (const line of match[1]!.split(/\r?\n/)) {
    const pair = /^\s*([^:：#]+?)\s*[:：]\s*(.*?)\s*$/.exec(line);
    if (pair && pair[2] !== '') fields[pair[1]!] = pair[2]!.replace(/^["']|["']$/g, '');
  }
  return { fields, body: text.slice(match[0].length) };
}

/** Reads the sidecar for a file: `<file>.meta.json` first, else its line in the nearest manifest up to `root`. */
export function readSidecarFor(options: {
  path: string;
  root: string;
  manifests: Map<string, Map<string, unknown>>;
}): DocumentMetadataHints | undefined {
  const beside = options.path + SIDECAR_SUFFIX;
  if (existsSync(beside)) {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(beside, 'utf8'));
    } catch (error) {
      throw new HuiyingError({
        code: 'source-corrupt',
        message: `${beside} is not valid JSON (${(error as Error).message}).`,
        cause: error,
      });
    }
    return parseSidecar(json, { source: beside });
  }
  for (let directory = dirname(options.path); ; directory = dirname(directory)) {
    const manifest = loadManifest(directory, options.manifests);
    const entry = manifest.get(relative(directory, options.path)) ?? manifest.get(basename(options.path));
    if (entry)
      return parseSidecar(entry, {
        source: `${join(directory, MANIFEST_FILE)} (${relative(directory, options.path)})`,
      });
    if (directory === options.root || dirname(directory) === directory || !directory.startsWith(options.root))
      return undefined;
  }
}

function loadManifest(directory: string, cache: Map<string, Map<string, unknown>>): Map<string, unknown> {
  const cached = cache.get(directory);
  if (cached) return cached;
  const entries = new Map<string, unknown>();
  const path = join(directory, MANIFEST_FILE);
  if (existsSync(path)) {
    readFileSync(path, 'utf8')
      .split('\n')
      .forEach((line, index) => {
        if (line.trim() === '') return;
        try {
          const { path: file, ...fields } = JSON.parse(line) as { path?: string };
          if (typeof file === 'string') entries.set(file, fields);
        } catch (error) {
          throw new HuiyingError({
            code: 'source-corrupt',
            message: `${path} line ${index + 1} is not valid JSON. Each line must be one object with a "path".`,
            cause: error,
          });
        }
      });
  }
  cache.set(directory, entries);
  return entries;
}
