/** Where a command writes: results to `out` (stdout), notes and progress to `err` (stderr). */
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Whether stderr is a terminal (a progress bar is drawn only there). Default false. */
  readonly errIsTerminal?: boolean;
  /** The environment variables the command may read (`--shard auto`); none when absent, so a test sees none of its own. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** A usage mistake on the command line (unknown flag, missing argument): exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Notes go to stderr unless --quiet. */
export function noter(io: CliIo, quiet: boolean): (text: string) => void {
  return quiet ? () => {} : (text) => io.err(`${text}\n`);
}
