import type { Draft } from '../drafting/draft-answer.ts';
import { LIST_MARKER } from '../drafting/quote-provision.ts';
import { inJurisdiction } from '../ingest/extract-region.ts';

/** How drafts look to a reader who knows official replies (issue #11, "Measure draft form"). */
export type DraftFormReport = {
  /** Drafts that answered (holding replies have no quotes). */
  drafts: number;
  /** Drafts quoting a unit cut out of its provision: ending in ，；： or starting with a list marker without its lead-in. */
  withFragment: number;
  /** Drafts saying one sentence twice. */
  withRepeat: number;
  /**
   * Citations of local documents outside the jurisdiction; with no jurisdiction configured, of any local document
   * (no office's region makes them in force).
   */
  otherJurisdictionCitations: number;
  /** Citations of superseded, repealed or expired texts. */
  supersededCitations: number;
};

/** Adds one draft to a form report. */
export function measureDraftForm(
  report: DraftFormReport,
  draft: Pick<Draft, 'refused' | 'sentences' | 'sources'>,
  options: { jurisdiction?: ReadonlyArray<string> },
): void {
  if (draft.refused) return;
  report.drafts += 1;
  const facts = draft.sentences.filter((sentence) => sentence.sources.length > 0);
  const units = facts.flatMap((sentence) => quotedUnits(sentence.text));
  if (units.some(isFragment)) report.withFragment += 1;
  const statements = units.flatMap((unit) =>
    unit
      .split(/(?<=[。！？；;：:])|……/)
      .map((statement) => normalise(statement.trim().replace(LIST_MARKER, '')))
      .filter((text) => text.length >= 6),
  );
  if (new Set(statements).size < statements.length) report.withRepeat += 1;
  for (const source of draft.sources) {
    const region = source.region ?? [];
    if (region.length > 0 && !(options.jurisdiction && inJurisdiction(region, options.jurisdiction)))
      report.otherJurisdictionCitations += 1;
    if (source.inForce === false) report.supersededCitations += 1;
  }
}

/** An empty report. */
export function emptyDraftForm(): DraftFormReport {
  return { drafts: 0, withFragment: 0, withRepeat: 0, otherJurisdictionCitations: 0, supersededCitations: 0 };
}

/**
 * What a sentence quotes: the text inside the “…” after its attribution (规定：“…”), or inside its outer “…”, or the
 * sentence itself when it quotes nothing.
 */
export function quotedUnits(sentence: string): string[] {
  const attributed = sentence.indexOf('：“');
  const open = attributed >= 0 ? attributed + 1 : sentence.indexOf('“');
  const close = sentence.lastIndexOf('”');
  if (open < 0 || close <= open) return [sentence];
  return [sentence.slice(open + 1, close)];
}

/** A unit cut out of its provision: it ends in ，；： or starts with a list marker (so its lead-in is missing). */
export function isFragment(unit: string): boolean {
  const text = unit.replace(/(\s*\[\d+\])+$/, '').trim();
  return /[，；：,;:]$/.test(text) || LIST_MARKER.test(text);
}

function normalise(text: string): string {
  return text.replace(/[\s\p{P}]/gu, '');
}
