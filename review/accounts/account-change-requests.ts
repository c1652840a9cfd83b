import { appendAuditEntry } from '../../audit/append-audit-entry.ts';
import { HuiyingError } from '../../config/huiying-error.ts';
import type { Database } from '../../db/database.ts';
import { actorName, type Account } from './accounts.ts';
import { applyAccountChange, type AccountChange } from './accounts-on-record.ts';
import { ROLE_LABELS } from './roles.ts';

/** An account change waiting for a second admin (HUIYING_ADMIN_CHANGES_NEED_SECOND_ADMIN). */
export type PendingAccountChange = {
  id: number;
  summary: string;
  requestedBy: { id: number; username: string };
  requestedAt: Date;
};

/** What the change does, in words for the admins' page and the audit trail (never a password hash). */
export function describeAccountChange(change: AccountChange): string {
  const role = (value: { role: keyof typeof ROLE_LABELS; unit: string | null }) =>
    `${ROLE_LABELS[value.role]}，${value.unit ?? '全部单位'}`;
  switch (change.kind) {
    case 'create':
      return `新增账号 ${change.username}（${role(change)}）`;
    case 'role':
      return `将 ${change.username} 改为${role(change)}`;
    case 'link':
      return `将 ${change.surface} 用户 ${change.externalId} 关联至 ${change.username}`;
    case 'disable':
      return `停用账号 ${change.username}`;
  }
}

/** Records an admin's change as waiting for another admin; nothing changes until one confirms it. */
export async function requestAccountChange(
  database: Database,
  options: { change: AccountChange; by: Account; at: Date },
): Promise<number> {
  return database.transaction(async (transaction) => {
    const [row] = await transaction.query<{ id: string }>(
      'INSERT INTO account_change_requests (change, requested_by, requested_at) VALUES ($1, $2, $3) RETURNING id',
      [JSON.stringify(options.change), options.by.id, options.at.toISOString()],
    );
    await appendAuditEntry(transaction, {
      caseId: null,
      event: 'account-change-requested',
      actor: actorName(options.by),
      occurredAt: options.at,
      details: { request: Number(row!.id), change: describeAccountChange(options.change) },
    });
    return Number(row!.id);
  });
}

export async function listPendingAccountChanges(database: Database): Promise<PendingAccountChange[]> {
  const rows = await database.query<{
    id: string;
    change: AccountChange;
    requested_by: string;
    username: string;
    requested_at: string;
  }>(
    `SELECT r.id, r.change, r.requested_by, a.username, r.requested_at FROM account_change_requests r
     JOIN accounts a ON a.id = r.requested_by WHERE r.status = 'pending' ORDER BY r.id`,
  );
  return rows.map((row) => ({
    id: Number(row.id),
    summary: describeAccountChange(row.change),
    requestedBy: { id: Number(row.requested_by), username: row.username },
    requestedAt: new Date(row.requested_at),
  }));
}

/**
 * Confirms (applies) or rejects a waiting change. Only another admin may, and only while the one who asked still
 * has an active account; the change's own audit entry names both.
 */
export async function decideAccountChange(
  database: Database,
  options: { requestId: number; confirm: boolean; by: Account; at: Date },
): Promise<void> {
  await database.transaction(async (transaction) => {
    const [row] = await transaction.query<{
      change: AccountChange;
      status: string;
      requested_by: string;
      username: string;
      display_name: string;
      role: Account['role'];
      unit: string | null;
      disabled: boolean;
    }>(
      `SELECT r.change, r.status, r.requested_by, a.username, a.display_name, a.role, a.unit, a.disabled
       FROM account_change_requests r JOIN accounts a ON a.id = r.requested_by WHERE r.id = $1 FOR UPDATE OF r`,
      [options.requestId],
    );
    if (!row || row.status !== 'pending') throw refused('该变更不存在或已处理。');
    if (Number(row.requested_by) === options.by.id)
      throw refused('不能确认或驳回自己提出的账号变更，请另一位管理员处理。');
    const requester: Account = {
      id: Number(row.requested_by),
      username: row.username,
      displayName: row.display_name,
      role: row.role,
      unit: row.unit,
    };
    if (options.confirm && row.disabled) throw refused(`提出人 ${row.username} 的账号已停用，不能确认其变更。`);
    if (options.confirm)
      await applyAccountChange(transaction, row.change, { actor: options.by, at: options.at, requestedBy: requester });
    else
      await appendAuditEntry(transaction, {
        caseId: null,
        event: 'account-change-rejected',
        actor: actorName(options.by),
        occurredAt: options.at,
        details: {
          request: options.requestId,
          change: describeAccountChange(row.change),
          requestedBy: actorName(requester),
        },
      });
    await transaction.query(
      'UPDATE account_change_requests SET status = $2, decided_by = $3, decided_at = $4 WHERE id = $1',
      [options.requestId, options.confirm ? 'confirmed' : 'rejected', options.by.id, options.at.toISOString()],
    );
  });
}

function refused(message: string): HuiyingError {
  return new HuiyingError({ code: 'usage-invalid', message });
}
