#!/usr/bin/env node
// The CLI is written in TypeScript and run through tsx, so users need no build step.
import { register } from 'tsx/esm/api';

register();
await import('../cli/main.ts');
