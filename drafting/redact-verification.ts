import type { SentenceProblem } from './check-sentence.ts';
import type { VerificationReport } from './draft-types.ts';

/** Shown for a problem's text that was part of personal data (a digit run cut from an ID number). */
const HIDDEN = '[个人信息已隐去]';

// A reason names the problems' texts: a piece of personal data in it is hidden the same way.
function hideInReason(
  reason: string,
  sentence: string,
  problems: ReadonlyArray<SentenceProblem>,
  redact: (text: string) => string,
): string {
  const redactedSentence = redact(sentence);
  return problems.reduce(
    (text, problem) => (redactedSentence.includes(redact(problem.text)) ? text : text.split(problem.text).join(HIDDEN)),
    reason,
  );
}

/** A verification report with `redact` applied to every text it holds (sentences, reasons, problems), for display. */
export function redactVerification(report: VerificationReport, redact: (text: string) => string): VerificationReport {
  // A problem's text is a piece of its sentence: redacted alone it may no longer look like personal data (17 digits
  // of an ID), so it is kept only if it still stands in the redacted sentence.
  const problems = (sentence: string, list: ReadonlyArray<SentenceProblem>) => {
    const redactedSentence = redact(sentence);
    return list.map((problem) => {
      const text = redact(problem.text);
      return {
        ...problem,
        text: redactedSentence.includes(text) ? text : HIDDEN,
        ...(problem.expected !== undefined && { expected: redact(problem.expected) }),
      };
    });
  };
  return {
    ...report,
    kept: report.kept.map((sentence) => ({ ...sentence, text: redact(sentence.text) })),
    removed: report.removed.map((sentence) => ({
      ...sentence,
      text: redact(sentence.text),
      reason: redact(hideInReason(sentence.reason, sentence.text, sentence.problems ?? [], redact)),
      ...(sentence.problems && { problems: problems(sentence.text, sentence.problems) }),
    })),
    strippedContacts: report.strippedContacts.map(redact),
    ...(report.checks && {
      checks: report.checks.map((check) => ({
        ...check,
        text: redact(check.text),
        problems: problems(check.text, check.problems),
      })),
    }),
  };
}
