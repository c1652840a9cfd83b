import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { parseAuditCheckpoints, type AuditCheckpoint } from '../audit/audit-checkpoint.ts';
import { HuiyingError } from '../config/huiying-error.ts';

/** The checkpoints in each file given (a missing configured file is no checkpoints yet; a missing named one is an error). */
export function readCheckpointFiles(options: { configured?: string; named: ReadonlyArray<string> }): AuditCheckpoint[] {
  const files = [
    ...(options.configured && existsSync(options.configured) ? [options.configured] : []),
    ...options.named,
  ];
  return files.flatMap((file) => {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new HuiyingError({
        code: 'usage-invalid',
        message: `The checkpoint file ${file} could not be read: ${(error as Error).message}.`,
        cause: error,
      });
    }
    return parseAuditCheckpoints(text, file);
  });
}

/** Appends one checkpoint line to the file (HUIYING_AUDIT_CHECKPOINT_FILE). */
export function appendCheckpointLine(file: string, line: string): void {
  try {
    appendFileSync(file, `${line}\n`, { mode: 0o640 });
  } catch (error) {
    throw new HuiyingError({
      code: 'usage-invalid',
      message: `The checkpoint could not be appended to ${file} (HUIYING_AUDIT_CHECKPOINT_FILE): ${(error as Error).message}. Create its folder or choose another file.`,
      cause: error,
    });
  }
}
