import { PATTERNS, REPLACEMENTS, type PersonalDataKind } from './personal-data-patterns.ts';

export type PersonalDataFinding = { kind: PersonalDataKind; start: number; end: number };

/**
 * Replaces personal data in text (drafts, logs, public display) with a label saying what was removed. Anything that
 * appears verbatim in `publishedText` (an office hotline or address printed in a published policy) is public, not
 * personal, and is kept. Returns the redacted text and where each finding was in the original.
 */
export function redactPersonalData(
  text: string,
  options: { publishedText?: string } = {},
): { text: string; findings: PersonalDataFinding[] } {
  const findings: PersonalDataFinding[] = [];
  const taken = (start: number, end: number) => findings.some((finding) => start < finding.end && end > finding.start);
  for (const { kind, pattern, valid, leadingWords } of PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      const lead = leadingWords?.exec(match[0])?.[0].length ?? 0;
      const value = match[0].slice(lead);
      const start = match.index! + lead;
      const end = start + value.length;
      if (taken(start, end) || (valid && !valid(value))) continue;
      if (options.publishedText?.includes(value)) continue;
      findings.push({ kind, start, end });
    }
  }
  findings.sort((left, right) => left.start - right.start);
  let redacted = '';
  let cursor = 0;
  for (const finding of findings) {
    redacted += text.slice(cursor, finding.start) + REPLACEMENTS[finding.kind];
    cursor = finding.end;
  }
  return { text: redacted + text.slice(cursor), findings };
}
