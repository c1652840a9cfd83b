/** A source as a draft version stores it. */
export type VersionSource = {
  number: number;
  chunkId: number;
  citation: string;
  quote: string;
  sourceUri: string;
  start: number;
  end: number;
};

/**
 * The exact text the public receives for a draft version: the answer, then the sources its numbers refer to. An
 * approval covers the hash of this text, so what is approved is what is posted, character for character.
 */
export function renderPublicAnswer(version: {
  text: string;
  sources: ReadonlyArray<Pick<VersionSource, 'number' | 'citation'>>;
}): string {
  const cited = version.sources.filter((source) => version.text.includes(`[${source.number}]`));
  if (cited.length === 0) return version.text.trim();
  return `${version.text.trim()}\n\n依据：\n${cited.map((source) => `[${source.number}] ${source.citation}`).join('\n')}`;
}
