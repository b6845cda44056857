/**
 * Progress of a long job on standard error, so standard output stays clean for results. On a terminal the
 * line is rewritten in place; in a log (CI, a pipe) a line is written at most every few seconds.
 */
export interface ProgressLine {
  /** What is being done, e.g. "variable 2/5 bdl:60559". */
  readonly label: string;
  readonly done: number;
  readonly total: number | null;
  readonly unit: string;
  /** Extra counters shown after the main one ("31 200 observations"). */
  readonly extra?: string;
}

export class Progress {
  private readonly started = Date.now();
  private lastWrite = 0;
  private readonly tty: boolean;

  constructor(
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly intervalMs = stream.isTTY ? 200 : 5_000,
    private readonly now: () => number = Date.now,
  ) {
    this.tty = Boolean(stream.isTTY);
  }

  update(line: ProgressLine, force = false): void {
    const now = this.now();
    if (!force && now - this.lastWrite < this.intervalMs) return;
    this.lastWrite = now;
    const text = formatProgress(line, now - this.started);
    this.stream.write(this.tty ? `\r\x1b[2K${formatBar(line)}${text}` : `${text}\n`);
  }

  /** Ends the in-place line with a newline (terminal only). */
  done(): void {
    if (this.tty) this.stream.write('\n');
  }
}

/** "[██████░░░░░░░░░░░░░░] " on a terminal, when the total is known. */
export function formatBar({ done, total }: ProgressLine, width = 20): string {
  if (total === null || total <= 0) return '';
  const full = Math.min(width, Math.round((done / total) * width));
  return `[${'█'.repeat(full)}${'░'.repeat(width - full)}] `;
}

const number = new Intl.NumberFormat('pl', { useGrouping: 'always' } as Intl.NumberFormatOptions);

export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${seconds % 60} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** "variable 2/5 bdl:60559 · 13/25 pages (52%) · 31 200 observations · elapsed 40 s · ETA 37 s" */
export function formatProgress(line: ProgressLine, elapsedMs: number): string {
  const parts = [line.label];
  if (line.total !== null && line.total > 0) {
    const share = Math.min(100, Math.round((line.done / line.total) * 100));
    parts.push(`${number.format(line.done)}/${number.format(line.total)} ${line.unit} (${share}%)`);
  } else {
    parts.push(`${number.format(line.done)} ${line.unit}`);
  }
  if (line.extra) parts.push(line.extra);
  parts.push(`elapsed ${formatDuration(elapsedMs)}`);
  if (line.total !== null && line.done > 0 && line.done < line.total) {
    parts.push(`ETA ${formatDuration((elapsedMs / line.done) * (line.total - line.done))}`);
  }
  return parts.join(' · ');
}
