/** Where a command writes: its lines to stdout and stderr, or a test's arrays. */
export interface CliIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  /** Colour the marks and warnings (only on a terminal, and not with NO_COLOR). @default false */
  readonly color?: boolean;
}
