import { readdirSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import type { HuiyingErrorCode } from '../config/huiying-error.ts';
import { MANIFEST_FILE, SIDECAR_SUFFIX } from './sidecar.ts';

export const SUPPORTED_EXTENSIONS = ['.md', '.markdown', '.txt', '.html', '.htm', '.shtml', '.pdf', '.docx'] as const;
/** Question banks (past questions and approved answers), imported into the question bank rather than indexed. */
export const QUESTION_BANK_EXTENSIONS = ['.jsonl', '.csv'] as const;

/** Something to ingest: a file found under a root folder, or a URL. */
export type Source =
  { uri: string; kind: 'file'; path: string; root: string } | { uri: string; kind: 'url'; url: string };

export type SourceProblem = { source: string; code: HuiyingErrorCode; reason: string };

/** Expands the command line's paths and URLs into sources; folders are walked recursively, hidden entries skipped. */
export function discoverSources(inputs: ReadonlyArray<string>): {
  sources: Source[];
  problems: SourceProblem[];
  roots: string[];
  questionBanks: string[];
} {
  const sources: Source[] = [];
  const questionBanks: string[] = [];
  const problems: SourceProblem[] = [];
  const roots: string[] = [];
  for (const input of inputs) {
    if (/^https?:\/\//i.test(input)) {
      sources.push({ uri: input, kind: 'url', url: input });
      continue;
    }
    // The folder by its real name: the same folder reached through a link, or from another working directory, is the
    // same sources, not a second copy of the corpus that supersedes the first.
    let path: string;
    let isDirectory: boolean;
    try {
      path = realpathSync(resolve(input));
      isDirectory = statSync(path).isDirectory();
    } catch {
      problems.push({ source: input, code: 'source-not-found', reason: 'no such file or folder' });
      continue;
    }
    roots.push(path);
    const files = isDirectory ? walk(path, problems) : [path];
    for (const file of files) {
      const name = file.slice(file.lastIndexOf('/') + 1);
      if (isDirectory && (name === MANIFEST_FILE || name.endsWith(SIDECAR_SUFFIX))) continue;
      if ((QUESTION_BANK_EXTENSIONS as ReadonlyArray<string>).includes(extname(name).toLowerCase())) {
        questionBanks.push(file);
        continue;
      }
      if (!(SUPPORTED_EXTENSIONS as ReadonlyArray<string>).includes(extname(name).toLowerCase())) {
        problems.push({
          source: file,
          code: 'source-unsupported',
          reason: `unsupported file type "${extname(name) || 'none'}" (supported: ${SUPPORTED_EXTENSIONS.join(' ')})`,
        });
        continue;
      }
      sources.push({ uri: file, kind: 'file', path: file, root: isDirectory ? path : resolve(path, '..') });
    }
  }
  // A file named on its own and again inside a named folder is one source.
  const unique = [...new Map(sources.map((source) => [source.uri, source])).values()];
  return { sources: unique, problems, roots, questionBanks: [...new Set(questionBanks)] };
}

// Names are read as bytes: a name that is not UTF-8 (GBK, from a Windows archive) would otherwise be decoded with
// replacement characters into a path that does not exist, and fail later as "not found".
function walk(directory: string, problems: SourceProblem[]): string[] {
  const files: string[] = [];
  const entries = readdirSync(directory, { withFileTypes: true, encoding: 'buffer' })
    .map((entry) => ({ entry, name: entry.name.toString('utf8') }))
    .sort((left, right) => left.name.localeCompare(right.name));
  for (const { entry, name } of entries) {
    if (name.startsWith('.')) continue;
    const path = join(directory, name);
    if (!Buffer.from(name, 'utf8').equals(entry.name)) {
      problems.push({ source: path, code: 'source-name-invalid', reason: invalidNameReason(entry.name) });
      continue;
    }
    // A link is not followed: it may lead outside the folder being ingested, or round in a circle.
    if (entry.isSymbolicLink()) {
      problems.push({
        source: path,
        code: 'source-symlink',
        reason: `a symbolic link (to ${readlinkSync(path)}), not followed; name its target on the command line to ingest it`,
      });
      continue;
    }
    if (entry.isDirectory()) for (const file of walk(path, problems)) files.push(file);
    else if (entry.isFile()) files.push(path);
  }
  return files;
}

function invalidNameReason(name: Buffer): string {
  const hex = [...name].map((byte) => byte.toString(16).padStart(2, '0')).join(' ');
  const gbk = new TextDecoder('gb18030', { fatal: false }).decode(name);
  return `the file name is not UTF-8 (bytes ${hex}; read as GBK: ${gbk}); rename it in UTF-8 (for example convmv -f gbk -t utf-8) and ingest again`;
}
