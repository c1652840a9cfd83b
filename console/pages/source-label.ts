import { html, type SafeHtml } from '../html.ts';

/**
 * Where a document comes from, as staff should see it: its own web address (the URL it was fetched from, or the
 * `sourceUrl` of its sidecar), a talking point written in the console, or a file's path relative to the folder it was
 * ingested from, never the server's own path to it.
 */
export function sourceLabel(
  source: { sourceUri: string; sourceUrl?: string | null },
  ingestedFolder?: string,
): SafeHtml {
  const url = [source.sourceUrl, source.sourceUri].find((candidate) => candidate && /^https?:\/\//i.test(candidate));
  if (url) return html`<a href="${url}" rel="noopener noreferrer">${url}</a>`;
  const proposal = /^huiying:talking-points\/(\d+)$/.exec(source.sourceUri);
  if (proposal) return html`口径库第 ${proposal[1]} 号`;
  return html`文件 <code>${relativePath(source.sourceUri, ingestedFolder)}</code>`;
}

function relativePath(path: string, folder: string | undefined): string {
  const root = folder === '/' ? '' : folder;
  if (root !== undefined && path.startsWith(`${root}/`)) return path.slice(root.length + 1);
  return path.slice(path.lastIndexOf('/') + 1);
}
