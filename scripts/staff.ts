import fs from "node:fs";
import { Command, Option } from "@commander-js/extra-typings";
import { AccountError, createAccount, parseEmail, removeAccount } from "@/lib/auth/accounts";
import { ROLES } from "@/lib/auth/roles";
import { openJobServices } from "@/lib/jobs/services";

/**
 * `npm run staff -- add <email> --role staff|admin` (password on stdin or --password-file),
 * `remove <email>`, `list`. Accounts live in the store.
 */

function fail(message: string): never {
  console.error(`staff: ${message}`);
  process.exit(1);
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) {
    process.stderr.write("Password (input is shown; pipe it or use --password-file to avoid that): ");
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** One line only: a trailing newline from `echo` or a file is not part of the password. */
function firstLine(text: string, source: string): string {
  const lines = text.replace(/\r?\n$/, "").split(/\r?\n/);
  if (lines.length > 1) fail(`${source} holds more than one line; put only the password in it`);
  return lines[0] ?? "";
}

const program = new Command().name("staff").description("Manage staff accounts for the admin pages (stored in the store, passwords hashed with scrypt).");

program
  .command("add")
  .description("add an account; the password is read from standard input or --password-file")
  .argument("<email>", "the account's e-mail address (its sign-in name)")
  .addOption(new Option("--role <role>", `one of ${ROLES.join(", ")} ("none": can sign in but is refused everywhere)`).makeOptionMandatory())
  .option("--password-file <file>", "file whose first line is the password")
  .action(async (email, opts) => {
    let password: string;
    if (opts.passwordFile) {
      if (!fs.existsSync(opts.passwordFile)) fail(`password file not found: ${opts.passwordFile}`);
      password = firstLine(fs.readFileSync(opts.passwordFile, "utf8"), `--password-file ${opts.passwordFile}`);
    } else {
      password = firstLine(await readStdin(), "standard input");
    }
    const services = openJobServices();
    try {
      const account = await createAccount(services.staff, { email, role: opts.role, password });
      console.log(`added ${account.email} (role: ${account.role})`);
    } finally {
      services.close();
    }
  });

program
  .command("remove")
  .description("remove an account")
  .argument("<email>")
  .action((email) => {
    const services = openJobServices();
    try {
      removeAccount(services.staff, email);
      console.log(`removed ${parseEmail(email)}`);
    } finally {
      services.close();
    }
  });

program
  .command("list")
  .description("list accounts (never shows password hashes)")
  .option("--json", "print JSON")
  .action((opts) => {
    const services = openJobServices();
    try {
      const accounts = services.staff.listAccounts();
      if (opts.json) console.log(JSON.stringify(accounts, null, 2));
      else if (accounts.length === 0) console.log("no accounts; add one with: npm run staff -- add <email> --role admin < password-file");
      else for (const a of accounts) console.log(`${a.email}\t${a.role}\tcreated ${a.createdAt}\tlast sign-in ${a.lastSignInAt ?? "never"}`);
    } finally {
      services.close();
    }
  });

program.parseAsync().catch((err: unknown) => {
  if (err instanceof AccountError) fail(err.message);
  fail(err instanceof Error ? err.message : String(err));
});
