import { createInterface } from 'node:readline/promises';
import { Writable } from 'node:stream';

/**
 * Reads a password: prompted twice without echo on a terminal, or the first line of standard input otherwise
 * (`echo "$PASSWORD" | huiying user add ...`), so it never appears in the shell history or the process list.
 */
export async function readSecret(prompt: string): Promise<string> {
  if (!process.stdin.isTTY) {
    const lines = createInterface({ input: process.stdin });
    for await (const line of lines) {
      lines.close();
      return line;
    }
    return '';
  }
  const ask = async (question: string) => {
    process.stdout.write(question);
    let muted = true;
    const output = new Writable({
      write: (chunk, _encoding, done) => (muted ? done() : process.stdout.write(chunk, () => done())),
    });
    const reader = createInterface({ input: process.stdin, output, terminal: true });
    const answer = await reader.question('');
    muted = false;
    reader.close();
    process.stdout.write('\n');
    return answer;
  };
  const first = await ask(prompt);
  const second = await ask('Repeat it: ');
  if (first !== second) throw new Error('The two passwords differ.');
  return first;
}
