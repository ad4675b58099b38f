import { InvalidArgumentError } from "@commander-js/extra-typings";

/** Commander parser for the bench scripts' counts, ports and durations: a whole number >= 1. */
export const positiveInt = (name: string) => (v: string) => {
  if (!/^\d+$/.test(v) || Number(v) < 1) throw new InvalidArgumentError(`${name} must be a whole number >= 1`);
  return Number(v);
};
