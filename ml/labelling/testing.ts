import type { BookRecord } from "@/lib/records/types";
import { buildTestRecord } from "@/lib/testing/book-record";

/** A hand-written record for tests: a title and only the fields a test sets (raw `fields` carry id and title). */
export function toTestRecord(title: string, fields: Partial<BookRecord> = {}, id = "t-" + title.length): BookRecord {
  return buildTestRecord(id, title, { fields: { "BL record ID": id, Title: title }, ...fields });
}
