// The two ways in: README.md says what the project is and links the Chinese README before its
// first command, and README.zh-CN.md quotes the lab's table from the same run as README.md.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { workspaceRoot } from '@grpc-greeter/testing';
import { splitFences } from './support/markdown';

const read = (path: string) => readFileSync(join(workspaceRoot, path), 'utf8');
const readme = read('README.md');
const readmeZh = read('README.zh-CN.md');

/** The table rows a README shows in text blocks, without the `← step N` marks we add. */
function tableRows(markdown: string): string[] {
  return splitFences(markdown)
    .blocks.filter((block) => block.lang === 'text')
    .flatMap((block) => block.lines)
    .map((line) => line.replace(/\s+← .*$/, ''));
}

describe('README.md', () => {
  it('links README.zh-CN.md in its first five lines', () => {
    expect(readme.split('\n').slice(0, 5).join('\n')).toContain('](README.zh-CN.md)');
  });

  it('says what the project is, and that the lab needs only Node, before its first command', () => {
    const beforeCode = readme.slice(0, readme.indexOf('```'));
    expect(beforeCode).toMatch(/tutorial/);
    expect(beforeCode).toMatch(/needs only Node\.js/);
  });

  it("marks the tutorial's four rows: the first four of the lab's table, which lists them first", () => {
    const table = readme.slice(readme.indexOf('```text'));
    const rows = table.split('\n').slice(3, 8);
    expect(rows.map((row) => / ← step \d$/.test(row))).toEqual([true, true, true, true, false]);
  });
});

describe('README.zh-CN.md', () => {
  it("quotes rows of README.md's table: the same run, not another", () => {
    const rows = tableRows(readmeZh);
    expect(rows.length).toBeGreaterThan(4);
    expect(tableRows(readme)).toEqual(expect.arrayContaining(rows));
  });

  it('says before its first command that the lab needs only Node.js', () => {
    expect(readmeZh.slice(0, readmeZh.indexOf('```'))).toMatch(/只需要 Node\.js/);
  });
});
