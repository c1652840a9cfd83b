import { filterConditions, type SearchFilters } from './search-filters.ts';

/** Collects a statement's parameters as its SQL is written: `bind` returns the placeholder of the value it adds. */
export class StatementParameters {
  readonly values: unknown[] = [];

  bind(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }

  /** The SQL conditions on `documents d` for the filters, their values bound here. */
  filters(filters: SearchFilters): string {
    const conditions = filterConditions(filters, this.values.length + 1);
    for (const value of conditions.params) this.values.push(value);
    return conditions.sql;
  }
}
