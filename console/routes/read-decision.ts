import type { Decision } from '../../review/decision.ts';
import type { Severity } from '../../triage/triage-rules.ts';
import { HttpError } from '../http-io.ts';

/** The decision a case page's form posts (its `action` field and the fields that action needs). */
export function readDecision(form: URLSearchParams): Decision {
  const text = (name: string) => form.get(name) ?? '';
  const version = Number(text('version'));
  switch (text('action')) {
    case 'edit':
      return { action: 'edit', basedOnVersion: version, text: text('text') };
    case 'approve':
      return { action: 'approve', version, textHash: text('text_hash') };
    case 'reject':
      return { action: 'reject', reason: text('reason') };
    case 'escalate':
      return { action: 'escalate', reason: text('reason') };
    case 'reassign':
      return { action: 'reassign', unit: text('unit') };
    case 'reclassify':
      return { action: 'reclassify', severity: text('severity') as Severity };
    default:
      throw new HttpError(400, `未知操作“${text('action')}”。`);
  }
}
