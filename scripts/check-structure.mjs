#!/usr/bin/env node
// The shape ARCHITECTURE.md promises, checked on every `npm test`: no import circle anywhere in
// the code (type-only imports count: they tie the files' meaning together all the same), and no
// function in shared/ or electron/services/ longer than 80 lines unless the comment above it says
// why it is long. Prints each problem with its place; exits 1 if there is any.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const ROOT = resolve(import.meta.dirname, '..');
const FOLDERS = ['electron', 'renderer/src', 'shared', 'tests', 'scripts'];
const LONG_FOLDERS = ['shared/', 'electron/services/'];
const MAX_LINES = 80;

function sourceFiles(folder) {
  const out = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(ts|tsx|mjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

function resolveImport(from, spec) {
  if (!spec.startsWith('.')) return null;
  const base = resolve(dirname(from), spec);
  const candidates = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')];
  return candidates.find((c) => existsSync(c) && /\.(ts|tsx|mjs)$/.test(c)) ?? null;
}

function importsOf(file, source) {
  const found = [];
  const visit = (node) => {
    const spec =
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier) ? node.moduleSpecifier.text
      : ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && ts.isStringLiteral(node.arguments[0]) ? node.arguments[0].text
      : null;
    const target = spec && resolveImport(file, spec);
    if (target) found.push(target);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Strongly connected components with more than one file (or a file that imports itself): the circles. */
function circles(graph) {
  let index = 0;
  const stack = [];
  const info = new Map();
  const out = [];
  const strong = (v) => {
    info.set(v, { index, low: index, on: true });
    index += 1;
    stack.push(v);
    for (const w of graph.get(v) ?? []) {
      if (!info.has(w)) {
        strong(w);
        info.get(v).low = Math.min(info.get(v).low, info.get(w).low);
      } else if (info.get(w).on) info.get(v).low = Math.min(info.get(v).low, info.get(w).index);
    }
    if (info.get(v).low === info.get(v).index) {
      const component = [];
      let w;
      do {
        w = stack.pop();
        info.get(w).on = false;
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(component);
    }
  };
  for (const v of graph.keys()) if (!info.has(v)) strong(v);
  return out;
}

function longFunctions(file, source) {
  const problems = [];
  const text = source.getFullText();
  const visit = (node) => {
    if (ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isArrowFunction(node) || ts.isFunctionExpression(node) || ts.isConstructorDeclaration(node)) {
      const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      if (end - start + 1 > MAX_LINES) {
        // The comment that says why sits above the statement that holds the function.
        let holder = node;
        while (holder.parent && !ts.isSourceFile(holder.parent) && !ts.isClassDeclaration(holder.parent) && !ts.isBlock(holder.parent) && !ts.isObjectLiteralExpression(holder.parent)) holder = holder.parent;
        const comments = (ts.getLeadingCommentRanges(text, holder.getFullStart()) ?? []).map((r) => text.slice(r.pos, r.end)).join('\n');
        if (!/\blong\b/i.test(comments)) problems.push(`${relative(ROOT, file)}:${start + 1}: a function of ${end - start + 1} lines (at most ${MAX_LINES}, or say above it why it is long)`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return problems;
}

const files = FOLDERS.flatMap((f) => sourceFiles(join(ROOT, f)));
const graph = new Map();
const problems = [];
for (const file of files) {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : undefined);
  graph.set(file, importsOf(file, source));
  const path = relative(ROOT, file);
  if (LONG_FOLDERS.some((f) => path.startsWith(f))) problems.push(...longFunctions(file, source));
}
for (const component of circles(graph)) problems.push(`an import circle: ${component.map((f) => relative(ROOT, f)).sort().join(' ↔ ')}`);

for (const p of problems) console.log(p);
console.log(problems.length ? `check-structure: ${problems.length} problem(s)` : `check-structure: ${files.length} files, no import circle, no function over ${MAX_LINES} lines without a reason`);
process.exit(problems.length ? 1 : 0);
