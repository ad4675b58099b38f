import type { BookRecord } from "@/lib/records/types";
import { buildTestRecord } from "@/lib/testing/book-record";

/**
 * 32 hand-written records (invented, not copied from the BL data) for the fuzz suite. Some real
 * values look like filter syntax on purpose (quotes, OR, AND, =, parentheses, a backslash), so an
 * injection attempt and a legitimate value are indistinguishable to the API and both must work.
 */

type Row = [id: string, title: string, year: number | null, places: string[], countries: string[], publisher: string | null, languages: string[], names?: string[]];

const ROWS: Row[] = [
  ["f01", "A History of the County of Kent", 1801, ["London"], ["England"], "Longman", ["English"], ["Hasted, Edward"]],
  ["f02", "Tales of the Borders", 1835, ["Edinburgh"], ["Scotland"], "Blackwood", ["English"], ["Wilson, John"]],
  ["f03", "Geschichte der Stadt Köln", 1852, ["Köln"], ["Germany"], "Brockhaus", ["German"]],
  ["f04", "Erzählungen aus dem Harz", 1861, ["Leipzig"], ["Germany"], null, []],
  ["f05", "Voyage en Égypte et en Nubie", 1867, ["Paris", "London"], ["France", "England"], "Hachette", []],
  ["f06", "The Mysteries of the Court", 1871, ["London"], ["England"], 'Smith, Elder & Co.', ["English"]],
  ["f07", "Poems, chiefly in the Scottish dialect", 1790, ["Kilmarnock"], ["Scotland"], null, ["English"], ["Burns, Robert"]],
  ["f08", "Le Roman d'un jeune homme pauvre", 1878, ["Paris"], ["France"], "Lévy", ["French"]],
  ["f09", "Histoire de la Révolution", 1845, ["Paris"], ["France"], "Hachette", ["French"]],
  ["f10", "Notes on the Geology of Bath", null, ["Bath"], ["England"], null, []],
  ["f11", "Saga of the Northmen", 1880, ["København"], ["Denmark"], "Gyldendal", ["Danish", "English"]],
  ["f12", 'The "Quoted" Chronicle', 1850, ["New York"], ["United States"], '"Printed for the Author"', ["English"]],
  ["f13", "Sermons OR Discourses", 1810, ["Dublin"], ["Ireland"], "O'Neill (Dublin) = AND", ["English"]],
  ["f14", "A Treatise on Backslashes \\ and Slashes /", 1833, ["London"], ["England"], "Back\\slash Press", []],
  ["f15", "The Castle of Otranto, a Gothic story", 1825, ["Glasgow"], ["Scotland"], null, []],
  ["f16", "Travels in Iceland", 1859, ["Edinburgh", "London"], ["Scotland", "England"], "Blackwood", ["English"]],
  ["f17", "Svenska folkvisor", 1890, ["Stockholm"], ["Sweden"], null, ["Swedish"]],
  ["f18", "Reise nach Wien", 1859, ["Wien"], [], null, []],
  ["f19", "Stories for Children", 1842, ["New York"], ["United States"], "Harper", []],
  ["f20", "The Pickwick Papers", 1841, ["London"], ["England"], "Chapman & Hall", ["English"], ["Dickens, Charles", "Phiz"]],
  ["f21", "Untitled pamphlet", null, [], [], null, []],
  ["f22", "Annals of Norway", 1885, ["London"], ["England"], "Longman", ["English", "Norwegian"]],
  ["f23", "The Ghost of the Abbey", 1868, ["London"], ["England"], "Bentley", []],
  ["f24", "Contes de fées", 1857, ["Paris"], ["France"], "Lévy", []],
  ["f25", "Paris OR London: a comparison", 1870, ["Paris OR London"], ["France"], null, ["English"]],
  ["f26", "Über die Natur (Band 1)", 1812, ["Berlin"], ["Germany"], "Reimer", ["German"]],
  ["f27", "Über die Natur (Band 2)", 1813, ["Berlin"], ["Germany"], "Reimer", ["German"]],
  ["f28", "On the Nature of Things", 1899, ["Oxford"], ["England"], "Clarendon Press", []],
  ["f29", "Mémoires d'outre-tombe", 1849, ["Bruxelles", "Paris"], ["Belgium", "France"], null, ["French"]],
  ["f30", "The Life of Nelson", 1800, ["London"], ["England"], "Murray", ["English"], ["Southey, Robert"]],
  ["f31", "Roughing it in the bush", 1852, ["London"], ["England"], "Bentley", ["English"]],
  ["f32", "ſermons on ſeveral occaſions", 1803, ["York"], ["England"], null, []],
];

export const FUZZ_RECORDS: BookRecord[] = ROWS.map(([id, title, year, places, countries, publisher, languages, names]) =>
  buildTestRecord(id, title, {
    year,
    dateRaw: year === null ? "[18--]" : String(year),
    places,
    countries,
    publisher,
    languages,
    name: names?.[0] ?? null,
    allNames: names ?? [],
    fields: { "BL record ID": id, Title: title },
  }),
);

/** [record, value, confidence]; f21 and f10 have no genre prediction. */
export const FUZZ_GENRE: ReadonlyArray<[string, string, number]> = [
  ["f01", "Non-fiction", 0.97], ["f02", "Fiction", 0.91], ["f03", "Non-fiction", 0.88], ["f04", "Fiction", 0.62],
  ["f05", "Non-fiction", 0.75], ["f06", "Fiction", 0.99], ["f07", "Fiction", 0.55], ["f08", "Fiction", 0.93],
  ["f09", "Non-fiction", 0.96], ["f11", "Fiction", 0.5], ["f12", "Non-fiction", 0.7], ["f13", "Non-fiction", 0.82],
  ["f14", "Non-fiction", 0.99], ["f15", "Fiction", 0.97], ["f16", "Non-fiction", 0.9], ["f17", "Fiction", 0.45],
  ["f18", "Non-fiction", 0.66], ["f19", "Fiction", 0.8], ["f20", "Fiction", 0.99], ["f22", "Non-fiction", 0.72],
  ["f23", "Fiction", 0.58], ["f24", "Fiction", 0.9], ["f25", "Non-fiction", 0.51], ["f26", "Non-fiction", 0.94],
  ["f27", "Non-fiction", 0.94], ["f28", "Non-fiction", 0.6], ["f29", "Non-fiction", 0.85], ["f30", "Non-fiction", 0.98],
  ["f31", "Non-fiction", 0.77], ["f32", "Non-fiction", 0.69],
];

/** Title-language predictions; only records without a catalogue language use them (f21 has none). */
export const FUZZ_LANGUAGE: ReadonlyArray<[string, string, number]> = [
  ["f04", "German", 0.99], ["f05", "French", 0.97], ["f10", "English", 0.6], ["f14", "English", 0.92],
  ["f15", "English", 0.95], ["f18", "German", 0.7], ["f19", "English", 0.88], ["f23", "English", 0.5],
  ["f24", "French", 0.93], ["f28", "English", 0.97], ["f32", "English", 0.4],
  // A prediction for a record whose catalogue language wins: must never show.
  ["f01", "Latin", 0.99],
];
