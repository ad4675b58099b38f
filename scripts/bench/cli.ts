import { InvalidArgumentError } from "@commander-js/extra-typings";

/** Commander parser for the bench scripts' counts, ports and durations: a whole number >= 1. */
export const positiveInt = (name: string) => (v: string) => {
  if (!/^\d+$/.test(v) || Number(v) < 1) throw new InvalidArgumentError(`${name} must be a whole number >= 1`);
  return Number(v);
};

/** The same for counts where 0 means "none" (worker threads, weak examples). */
export const nonNegativeInt = (name: string) => (v: string) => {
  if (!/^\d+$/.test(v)) throw new InvalidArgumentError(`${name} must be a whole number >= 0`);
  return Number(v);
};

/** The same for rates and other reals: a finite number > 0. */
export const positiveNumber = (name: string) => (v: string) => {
  const n = Number(v);
  if (v.trim() === "" || !Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`${name} must be a number > 0`);
  return n;
};
