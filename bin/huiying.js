#!/usr/bin/env node
// The CLI is written in TypeScript and run through tsx, so users need no build step.
import { register } from 'tsx/esm/api';

// `huiying docs | head` closes the pipe early; that is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

register();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
