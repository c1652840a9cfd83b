import type { Decision } from '../../review/decision.ts';
import type { Severity } from '../../triage/triage-rules.ts';
import { HttpError } from '../http-io.ts';

/** The decision a case page's form posts (its `action` field and the fields that action needs). */
export function readDecision(form: URLSearchParams): Decision {
  const text = (name: string) => form.get(name) ?? '';
  // Only the page's own forms send a version: anything else is a tampered or stale form, not a decision to record.
  const version = () => {
    if (!/^[1-9]\d{0,5}$/.test(text('version'))) throw new HttpError(400, '版本号无效，请刷新案件页面后重试。');
    return Number(text('version'));
  };
  switch (text('action')) {
    case 'edit':
      return { action: 'edit', basedOnVersion: version(), text: text('text') };
    case 'approve':
      return { action: 'approve', version: version(), textHash: text('text_hash') };
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
