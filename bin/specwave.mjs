#!/usr/bin/env node
// The `specwave` command. The CLI is TypeScript run through tsx's loader, so Specwave needs no
// build step; subcommands live in server/cli/commands.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../server/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
