import type { Database, Queryable } from '../db/database.ts';

/** What a TimedDatabase counted since it was last reset. */
export type DatabaseTime = { statements: number; milliseconds: number };

/**
 * The same database, counting the statements sent to it and the time spent waiting for them (a transaction's BEGIN
 * and COMMIT count as two: on a server each is a round trip). The bench uses it to say how much of a
 * search is the database and how much is huiying's own work.
 */
export function timedDatabase(database: Database): Database & { take(): DatabaseTime } {
  let counted: DatabaseTime = { statements: 0, milliseconds: 0 };
  const time = async <T>(statements: number, work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await work();
    } finally {
      counted.statements += statements;
      counted.milliseconds += performance.now() - started;
    }
  };
  const wrap = (queryable: Queryable): Queryable => ({
    query: (sql, params) => time(1, () => queryable.query(sql, params)),
    exec: (sql) => time(1, () => queryable.exec(sql)),
    bulkInsert: (insert) => time(1, () => queryable.bulkInsert(insert)),
  });
  return {
    ...database,
    ...wrap(database),
    // BEGIN and COMMIT are two more statements (round trips on a server); their time is the transaction's beyond
    // the statements inside, which are timed one by one.
    transaction: async (work) => {
      const started = performance.now();
      const inside = counted.milliseconds;
      try {
        return await database.transaction((transaction) => work(wrap(transaction)));
      } finally {
        counted.statements += 2;
        counted.milliseconds += performance.now() - started - (counted.milliseconds - inside);
      }
    },
    take() {
      const taken = counted;
      counted = { statements: 0, milliseconds: 0 };
      return taken;
    },
  };
}
