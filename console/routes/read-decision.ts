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
    // The evidence workbench's buttons: each makes a new version (its sources changed, or its text written anew).
    case 'add-source':
      return { action: 'edit', basedOnVersion: version(), addSources: [whole(text('chunk_id'), '段落编号')] };
    case 'remove-source':
      return { action: 'edit', basedOnVersion: version(), removeSources: [whole(text('number'), '依据编号')] };
    case 'redraft':
      return { action: 'redraft', basedOnVersion: version() };
    case 'adopt-answer':
      return { action: 'adopt-answer', basedOnVersion: version(), entryId: whole(text('entry_id'), '答复编号') };
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

// An id or number from a hidden field: a whole number, or the form was tampered with (400, nothing changes).
function whole(value: string, what: string): number {
  if (!/^\d{1,12}$/.test(value)) throw new HttpError(400, `${what}“${value.slice(0, 20)}”无效，请刷新案件页面后重试。`);
  return Number(value);
}
