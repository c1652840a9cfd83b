import { normaliseWidth } from '../text/normalise-width.ts';
import { PATTERNS, REPLACEMENTS, type PersonalDataKind } from './personal-data-patterns.ts';

export type PersonalDataFinding = { kind: PersonalDataKind; start: number; end: number };

/**
 * Replaces personal data in text (drafts, logs, public display) with a label saying what was removed. Full-width
 * digits and letters are read as ASCII, and digit groups may be split by spaces, hyphens or dots. Anything that
 * appears in `publishedText` (an office hotline or address printed in a published policy), however it is spaced or
 * written, is public, not personal, and is kept. Returns the redacted text and where each finding was in the original.
 */
export function redactPersonalData(
  text: string,
  options: { publishedText?: string } = {},
): { text: string; findings: PersonalDataFinding[] } {
  // One character for one: offsets found in the folded text are offsets in the original.
  const folded = normaliseWidth(text);
  const published = options.publishedText === undefined ? undefined : canonical(options.publishedText);
  const findings: PersonalDataFinding[] = [];
  const taken = (start: number, end: number) => findings.some((finding) => start < finding.end && end > finding.start);
  for (const { kind, pattern, valid, leadingWords } of PATTERNS) {
    for (const match of folded.matchAll(pattern)) {
      const lead = leadingWords?.exec(match[0])?.[0].length ?? 0;
      const value = match[0].slice(lead);
      const start = match.index! + lead;
      const end = start + value.length;
      if (value === '' || taken(start, end) || (valid && !valid(value))) continue;
      if (published?.includes(canonical(value))) continue;
      findings.push({ kind, start, end });
    }
  }
  findings.sort((left, right) => left.start - right.start);
  let redacted = '';
  let cursor = 0;
  for (const [index, finding] of findings.entries()) {
    const previous = findings[index - 1];
    // A street number and the estate flat after it are one address, shown as one label.
    const continues = previous?.kind === finding.kind && previous.end === finding.start;
    redacted += text.slice(cursor, finding.start) + (continues ? '' : REPLACEMENTS[finding.kind]);
    cursor = finding.end;
  }
  return { text: redacted + text.slice(cursor), findings };
}

// Width folded and separators between digits dropped, so 0730 518 0118 is found in a source printing 0730-5180118.
function canonical(text: string): string {
  return normaliseWidth(text).replace(/(?<=\d)[ \-.·•]+(?=\d)/g, '');
}
