// TypeScript block 1 of docs/errors.md, written by `npm run docs:blocks`: edit the markdown, not this file.
import { LandingZoneValidationError, parseEnvironment } from "../../../src/index";

/** The code and path of every problem in a raw `landing-zone:` config, or [] when it is valid. */
export function problemsOf(raw: Record<string, unknown>): [string, string][] {
  try {
    parseEnvironment(raw);
    return [];
  } catch (e) {
    if (e instanceof LandingZoneValidationError) return e.problems.map((p) => [p.code, p.path]);
    throw e;
  }
}
export {};
