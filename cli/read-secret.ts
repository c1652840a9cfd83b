import { createInterface } from 'node:readline/promises';
import { Writable } from 'node:stream';
import type { CommandIo } from './command.ts';

/**
 * Reads a password: prompted twice without echo on a terminal, or the first line of standard input otherwise
 * (`echo "$PASSWORD" | huiying user add ...`), so it never appears in the shell history or the process list.
 */
export async function readSecret(io: CommandIo, prompt: string): Promise<string> {
  if (!io.stdin.isTTY) {
    const lines = createInterface({ input: io.stdin });
    for await (const line of lines) {
      lines.close();
      return line;
    }
    return '';
  }
  const ask = async (question: string) => {
    io.stdout.write(question);
    let muted = true;
    const output = new Writable({
      write: (chunk, _encoding, done) => (muted ? done() : io.stdout.write(chunk, () => done())),
    });
    const reader = createInterface({ input: io.stdin, output, terminal: true });
    const answer = await reader.question('');
    muted = false;
    reader.close();
    io.stdout.write('\n');
    return answer;
  };
  const first = await ask(prompt);
  const second = await ask('Repeat it: ');
  if (first !== second) throw new Error('The two passwords differ.');
  return first;
}
