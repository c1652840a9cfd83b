import { isCaseOpen } from '../case-kinds.ts';

/** Who may do what. Staff ask; drafters edit; approvers sign off for their unit; admins do everything. */
export const ROLES = ['staff', 'drafter', 'approver', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export type Action =
  | 'ask'
  | 'review'
  | 'edit'
  | 'approve'
  | 'reject'
  | 'escalate'
  | 'reassign'
  | 'reclassify'
  | 'manage-accounts'
  | 'manage-calendar';

const PERMISSIONS: Record<Role, ReadonlySet<Action>> = {
  staff: new Set(['ask']),
  drafter: new Set(['ask', 'review', 'edit', 'escalate', 'reassign', 'reclassify']),
  approver: new Set(['ask', 'review', 'edit', 'approve', 'reject', 'escalate', 'reassign', 'reclassify']),
  admin: new Set([
    'ask',
    'review',
    'edit',
    'approve',
    'reject',
    'escalate',
    'reassign',
    'reclassify',
    'manage-accounts',
    'manage-calendar',
  ]),
};

export const ROLE_LABELS: Record<Role, string> = {
  staff: '工作人员',
  drafter: '起草人',
  approver: '审核人',
  admin: '管理员',
};

/** Whether a role allows an action (unit limits on approval are checked where cases are decided). */
export function roleAllows(role: Role, action: Action): boolean {
  return PERMISSIONS[role].has(action);
}

/** Whether an account works for this unit: one with no unit works for all of them. */
export function coversUnit(account: { unit: string | null }, unit: string): boolean {
  return account.unit === null || account.unit === unit;
}

/**
 * Whether an account may change an open case's text and evidence (edit, add or remove sources, redraft, adopt a past
 * answer): by its role, and for the case's unit. The review steps check the same and refuse otherwise; the console
 * uses this to show only what would be accepted.
 */
export function mayChangeCaseText(
  account: { role: Role; unit: string | null },
  found: { unit: string; status: string },
): boolean {
  return isCaseOpen(found.status) && roleAllows(account.role, 'edit') && coversUnit(account, found.unit);
}
