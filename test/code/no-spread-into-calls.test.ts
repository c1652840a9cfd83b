import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../config/package-root.ts';

const ROOT = PACKAGE_ROOT;
// Every folder of product code: all but these.
const NOT_CODE = new Set(['node_modules', 'dist', 'data', 'samples', 'test', 'coverage']);
const PRODUCT = readdirSync(ROOT, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.') && !NOT_CODE.has(entry.name))
  .map((entry) => entry.name);

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

// Spreading an array into a call passes every element as an argument on the stack: past about 125,000 elements
// Node throws "Maximum call stack size exceeded" (a 40 MB page's 300,000 passages did, in chunks.push(...)).
// Passing on a function's own rest parameter (join(root, ...parts)) is as long as its call site, so it may stay.
function forwardsRestParameter(spread: ts.SpreadElement): boolean {
  if (!ts.isIdentifier(spread.expression)) return false;
  const name = spread.expression.text;
  for (let node: ts.Node | undefined = spread.parent; node; node = node.parent)
    if (ts.isFunctionLike(node))
      return node.parameters.some(
        (parameter) => parameter.dotDotDotToken !== undefined && parameter.name.getText() === name,
      );
  return false;
}

function spreadsIntoCalls(path: string): string[] {
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    const spreads = (ts.isCallExpression(node) || ts.isNewExpression(node) ? (node.arguments ?? []) : []).filter(
      (argument): argument is ts.SpreadElement => ts.isSpreadElement(argument) && !forwardsRestParameter(argument),
    );
    if (spreads.length > 0) {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart());
      found.push(`${relative(ROOT, path)}:${line + 1}: ${node.getText().split('\n')[0]}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('product code', () => {
  it('spreads no array into a function call (push(...), Math.max(...)), whatever its size', () => {
    const found = PRODUCT.flatMap((folder) => sourceFiles(join(ROOT, folder))).flatMap(spreadsIntoCalls);
    expect(found).toEqual([]);
  });
});
