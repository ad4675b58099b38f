import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export const LOCAL_SECRETS_FILE = ".env.local";

/**
 * Creates `.env.local` with a random NEXTAUTH_SECRET on first run (git-ignored; Next loads it),
 * unless the environment already provides one. Returns what it did, for the log and tests.
 */
export function ensureLocalSecrets(
  root: string,
  env: { NEXTAUTH_SECRET?: string | undefined },
  log: (line: string) => void = () => undefined,
): "from-environment" | "existing-file" | "created" {
  if (env.NEXTAUTH_SECRET) {
    log("NEXTAUTH_SECRET comes from the environment");
    return "from-environment";
  }
  const file = path.join(root, LOCAL_SECRETS_FILE);
  const existing = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
  if (/^NEXTAUTH_SECRET=.+$/m.test(existing)) {
    log(`NEXTAUTH_SECRET found in ${LOCAL_SECRETS_FILE}`);
    return "existing-file";
  }
  const secret = crypto.randomBytes(32).toString("base64url");
  const prefix = existing === "" || existing.endsWith("\n") ? existing : `${existing}\n`;
  fs.writeFileSync(file, `${prefix}# Created by npm start on first run. Production must set its own NEXTAUTH_SECRET.\nNEXTAUTH_SECRET=${secret}\n`, { mode: 0o600 });
  log(`created ${LOCAL_SECRETS_FILE} with a random NEXTAUTH_SECRET`);
  log("WARNING: this secret is for this machine only; production must set its own NEXTAUTH_SECRET (and NEXTAUTH_URL).");
  return "created";
}
