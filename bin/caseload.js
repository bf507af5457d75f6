#!/usr/bin/env node
import { installInterruptHandlers, runCli } from '../dist/src/cli/main.js';

const io = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  errIsTerminal: process.stderr.isTTY === true,
};
installInterruptHandlers(io);
process.exitCode = await runCli(process.argv.slice(2), io);
