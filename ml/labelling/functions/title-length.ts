import { defineLf, type LabellingFunction } from "../types";

/** The study's cut-off (211 characters) rounded; long descriptive titles are rarely creative writing. */
export const LONG_TITLE_CHARS = 200;

export const longTitle: LabellingFunction = defineLf(
  "long_title",
  `title longer than ${LONG_TITLE_CHARS} characters → Non-fiction`,
  (r) => (r.title.length > LONG_TITLE_CHARS ? "Non-fiction" : null),
);
