import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { EXIT, exitCode } from '../../src/cli/exitCode.js';
import { ERROR_CODES, type ErrorCode, type ErrorKind } from '../../src/engine/errors.js';

const ROOT = join(import.meta.dirname, '..', '..');
const CODES = Object.keys(ERROR_CODES) as ErrorCode[];

/** The TypeScript files under a folder of the repository, as parsed source files. */
function sources(folder: string): ts.SourceFile[] {
  return readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => ts.createSourceFile(name, readFileSync(join(ROOT, folder, name), 'utf8'), ts.ScriptTarget.Latest, true));
}

/** A template that makes a code from a stem, like `bad-${how.code}`: its text either side of the stem. */
interface CodeTemplate {
  readonly prefix: string;
  readonly suffix: string;
  /** The strings written in the template's own file (`['weights', 'exclude'] as const`). */
  readonly near: ReadonlySet<string>;
}

/**
 * Every string the code writes out (not the table's own keys, which are property names, nor comments),
 * the `code:` values among them, and the code-shaped templates with one stem.
 */
function writtenStrings(files: readonly ts.SourceFile[]): { strings: Set<string>; codeValues: Set<string>; templates: CodeTemplate[] } {
  const strings = new Set<string>();
  const codeValues = new Set<string>();
  const templates: CodeTemplate[] = [];
  for (const file of files) {
    const near = new Set<string>();
    const found: { prefix: string; suffix: string }[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
        const isKey = ts.isPropertyAssignment(node.parent) && node.parent.name === node;
        if (!isKey) {
          strings.add(node.text);
          near.add(node.text);
        }
        if (ts.isPropertyAssignment(node.parent) && node.parent.initializer === node && node.parent.name.getText(file) === 'code') codeValues.add(node.text);
      }
      if (ts.isTemplateExpression(node) && node.templateSpans.length === 1) {
        const prefix = node.head.text;
        const suffix = (node.templateSpans[0] as ts.TemplateSpan).literal.text;
        if (prefix + suffix !== '' && /^[a-z-]*$/.test(prefix + suffix)) found.push({ prefix, suffix });
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
    templates.push(...found.map((t) => ({ ...t, near })));
  }
  return { strings, codeValues, templates };
}

describe('ERROR_CODES', () => {
  const { strings, codeValues, templates } = writtenStrings([...sources('src'), ...sources('build')]);

  /**
   * Whether a template makes the code from a stem written out: in the template's file, or as the `code:`
   * of a keyValues option (`code: 'weight'` gives `bad-weight`) that is not itself a code.
   */
  const fromTemplate = (code: string): boolean =>
    templates.some(({ prefix, suffix, near }) => {
      if (!code.startsWith(prefix) || !code.endsWith(suffix) || code.length <= prefix.length + suffix.length) return false;
      const stem = code.slice(prefix.length, code.length - suffix.length);
      return near.has(stem) || (codeValues.has(stem) && !(stem in ERROR_CODES));
    });

  it('lists only codes that src or build still produce', () => {
    const unused = CODES.filter((code) => !strings.has(code) && !fromTemplate(code));
    expect(unused).toEqual([]);
  });

  it('counts a code made by a template only when its stem is written out', () => {
    // keyValues' `conflicting-${how.code}` with `code: 'replace'`; planScenarios' `${key}-and-pots`.
    for (const code of ['conflicting-replace', 'weights-and-pots', 'exclude-and-pots']) expect(fromTemplate(code), code).toBe(true);
    // `bad-${how.code}` does not excuse every bad- code.
    for (const code of ['bad-budget', 'bad-nonsense']) expect(fromTemplate(code), code).toBe(false);
  });

  it('names each code in lower-case words joined by hyphens', () => {
    expect(CODES.filter((code) => !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(code))).toEqual([]);
  });
});

describe('exitCode', () => {
  it('exits 2 for usage, 1 for data and io', () => {
    expect(exitCode('usage')).toBe(2);
    expect(exitCode('data')).toBe(1);
    expect(exitCode('io')).toBe(1);
    expect(EXIT).toEqual({ ok: 0, failed: 1, usage: 2 });
  });

  it('gives every code in the table the exit code of its kind', () => {
    const expected: Record<ErrorKind, number> = { usage: 2, data: 1, io: 1 };
    for (const code of CODES) expect(exitCode(ERROR_CODES[code]), code).toBe(expected[ERROR_CODES[code]]);
  });
});
