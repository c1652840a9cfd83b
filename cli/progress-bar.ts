import type { IngestProgress } from '../ingest/ingest-sources.ts';
import type { OutputStream } from './command.ts';

/** A one-line progress bar on a terminal (files, chunks/s, ETA); silent when output is not a TTY. */
export function createProgressBar(options: { label: string; stream: OutputStream }): {
  update: (progress: IngestProgress) => void;
  done: () => void;
} {
  const { stream } = options;
  const started = performance.now();
  let lastDraw = 0;
  if (!stream.isTTY) return { update: () => undefined, done: () => undefined };
  return {
    update(progress) {
      const now = performance.now();
      if (now - lastDraw < 100 && progress.done < progress.total && progress.stage !== 'indexing') return;
      lastDraw = now;
      const width = 24;
      const share = progress.total === 0 ? 1 : progress.done / progress.total;
      const filled = Math.round(share * width);
      const seconds = (now - started) / 1000;
      const rate = seconds > 0 ? progress.chunks / seconds : 0;
      const eta =
        progress.stage === 'indexing'
          ? 'building search indexes…'
          : share > 0 && share < 1
            ? `ETA ${Math.ceil((seconds / share) * (1 - share))}s`
            : '';
      const line = `${options.label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${progress.done}/${progress.total} files  ${progress.chunks} chunks  ${rate.toFixed(0)} chunks/s  ${eta}`;
      stream.write(`\r${line.slice(0, (stream.columns ?? 120) - 1).padEnd(Math.min(stream.columns ?? 120, 120) - 1)}`);
    },
    done() {
      stream.write('\n');
    },
  };
}
