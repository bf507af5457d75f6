#!/usr/bin/env node
import { installInterruptHandlers, processIo, runCli } from '../dist/src/cli/main.js';

// stdout and stderr that fail (a full disk, a closed pipe) end the run with one line, not a stack trace.
const io = processIo();
installInterruptHandlers(io);
process.exitCode = await runCli(process.argv.slice(2), io);
