/**
 * Bulk inserts for the demo generator: one prepared statement per table and column set, values mapped
 * to the driver by drizzle's own column encoders (booleans, JSON). Building a drizzle insert per row
 * costs ~60 µs of query building; the demo at 10,000 children writes over two million rows, so the
 * generator prepares each statement once. Services keep using drizzle: this is for loading many rows.
 */
import { getTableColumns, type InferInsertModel } from 'drizzle-orm';
import { getTableConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import type Database from 'better-sqlite3';
import type { SqliteDb } from '../../db/open';

type Statement = Database.Statement<unknown[]>;
type Encoder = { key: string; name: string; encode: (value: unknown) => unknown };

export type RowInserter = <T extends SQLiteTable>(table: T, values: InferInsertModel<T>) => number;

/** An inserter over `sqlite`: `insert(table, values)` returns the new row's id. */
export function rowInserter(sqlite: SqliteDb): RowInserter {
  const tables = new Map<SQLiteTable, { name: string; columns: Map<string, Encoder> }>();
  const statements = new Map<string, Statement>();
  const describe = (table: SQLiteTable) => {
    let found = tables.get(table);
    if (!found) {
      const columns = new Map<string, Encoder>();
      for (const [key, column] of Object.entries(getTableColumns(table))) {
        columns.set(key, { key, name: column.name, encode: (value) => column.mapToDriverValue(value) });
      }
      found = { name: getTableConfig(table).name, columns };
      tables.set(table, found);
    }
    return found;
  };
  return (table, values) => {
    const { name, columns } = describe(table);
    const used: Encoder[] = [];
    for (const key of Object.keys(values)) {
      if ((values as Record<string, unknown>)[key] === undefined) continue;
      const column = columns.get(key);
      if (!column) throw new Error(`${name} has no column for "${key}"`);
      used.push(column);
    }
    const signature = `${name}\u0000${used.map((c) => c.key).join('\u0000')}`;
    let statement = statements.get(signature);
    if (!statement) {
      const sql = `INSERT INTO "${name}" (${used.map((c) => `"${c.name}"`).join(', ')}) VALUES (${used.map(() => '?').join(', ')})`;
      statement = sqlite.prepare<unknown[]>(sql);
      statements.set(signature, statement);
    }
    const params = used.map((c) => {
      const value = (values as Record<string, unknown>)[c.key];
      return value === null ? null : c.encode(value);
    });
    return Number(statement.run(...params).lastInsertRowid);
  };
}
