import Database from "better-sqlite3";
import { STAFF_MIGRATIONS } from "@/lib/store/staff-schema";

/** An in-memory database with only the staff/jobs tables, for unit tests of those modules. */
export function openStaffTestDb(): Database.Database {
  const db = new Database(":memory:");
  db.pragma("foreign_keys = ON");
  for (const m of STAFF_MIGRATIONS) db.exec(m.sql);
  return db;
}
