import type { Queryable } from '../db/database.ts';
import { actorName } from './accounts/accounts.ts';
import type { Role } from './accounts/roles.ts';

/** One account that wrote, approved or routed a case, with where the account itself came from. */
export type CasePerson = {
  accountId: number;
  username: string;
  displayName: string;
  role: Role;
  unit: string | null;
  disabled: boolean;
  createdAt: Date;
  /** Who created the account ('cli', or an admin's audit name); null for accounts made before this was kept. */
  createdBy: string | null;
  /** What the account did on this case, in order: edited / approved a version, reassigned the case. */
  acts: Array<{ act: 'edited' | 'approved' | 'reassigned'; version: number | null }>;
};

export type CasePeople = { people: CasePerson[]; concerns: string[] };

type Row = {
  account_id: string;
  act: CasePerson['acts'][number]['act'];
  version: number | null;
  username: string;
  display_name: string;
  role: Role;
  unit: string | null;
  disabled: boolean;
  created_at: string;
  created_by: string | null;
};

/**
 * The accounts behind a case's edits, approvals and reassignment, and what should make a reviewer look twice: an
 * approver whose account was created by the person who edited the text approved (an admin who makes a second
 * account to approve their own edit).
 */
export async function findCasePeople(database: Queryable, options: { caseId: number }): Promise<CasePeople> {
  const rows = await database.query<Row>(
    `SELECT acts.account_id, acts.act, acts.version, a.username, a.display_name, a.role, a.unit, a.disabled, a.created_at, a.created_by
     FROM (
       SELECT author_account_id AS account_id, 'edited' AS act, version, created_at AS at FROM draft_versions WHERE case_id = $1 AND author_account_id IS NOT NULL
       UNION ALL SELECT approver_account_id, 'approved', version, approved_at FROM approvals WHERE case_id = $1
       UNION ALL SELECT unit_assigned_by, 'reassigned', NULL, received_at FROM cases WHERE id = $1 AND unit_assigned_by IS NOT NULL
     ) acts JOIN accounts a ON a.id = acts.account_id ORDER BY acts.at, acts.account_id`,
    [options.caseId],
  );
  const people = new Map<number, CasePerson>();
  for (const row of rows) {
    const id = Number(row.account_id);
    const person = people.get(id) ?? {
      accountId: id,
      username: row.username,
      displayName: row.display_name,
      role: row.role,
      unit: row.unit,
      disabled: row.disabled,
      createdAt: new Date(row.created_at),
      createdBy: row.created_by,
      acts: [],
    };
    person.acts.push({ act: row.act, version: row.version });
    people.set(id, person);
  }
  return { people: [...people.values()], concerns: concernsAbout([...people.values()]) };
}

function concernsAbout(people: ReadonlyArray<CasePerson>): string[] {
  const concerns: string[] = [];
  for (const approver of people) {
    for (const { version } of approver.acts.filter((act) => act.act === 'approved')) {
      const editor = people.find((person) =>
        person.acts.some((act) => act.act === 'edited' && act.version === version),
      );
      if (editor && approver.createdBy === actorName({ id: editor.accountId, username: editor.username }))
        concerns.push(
          `批准第 ${version} 版的账号 ${approver.username} 由修改该版的 ${editor.username} 创建：请核实批准人确为另一人。`,
        );
    }
  }
  return concerns;
}
