import { describe, expect, it } from "vitest";
import { FlagInputError, parseFlagInput } from "./flag-input";

describe("parseFlagInput", () => {
  it("accepts a genre flag and trims it", () => {
    expect(parseFlagInput({ record_id: " 014 ", generator: "genre", suggested: "Fiction" })).toEqual({ record_id: "014", generator: "genre", suggested: "Fiction", comment: "" });
  });

  it("names each bad field", () => {
    expect(() => parseFlagInput({ record_id: "", generator: "topic", suggested: "" })).toThrow(/record_id is required.*generator must be one of genre, language.*suggested is required/);
    expect(() => parseFlagInput({ record_id: "1", generator: "genre", suggested: "Poetry" })).toThrow(/suggested for genre must be Fiction or Non-fiction/);
    expect(() => parseFlagInput({ record_id: "1", generator: "language", suggested: "French", comment: "x".repeat(501) })).toThrow(FlagInputError);
  });
});
