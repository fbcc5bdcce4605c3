// Both cluster walkthroughs follow the tutorial step by step: a table maps each of its steps to
// ours (the console steps 6.1–6.6 included) and quotes every command it runs, verbatim, and the
// 90:10 step shows the tutorial's own output.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { workspaceRoot } from '@grpc-greeter/testing';
import { splitFences, tables } from './support/markdown';

interface Tutorial {
  commands: string[];
  consoleSteps: string[];
  weighted90To10Output: string;
}

const tutorial = parse(readFileSync(join(__dirname, 'fixtures/tutorial.yaml'), 'utf8')) as Tutorial;

describe.each(['en', 'zh'])('docs/%s/cluster-walkthrough.md', (lang) => {
  const text = readFileSync(join(workspaceRoot, `docs/${lang}/cluster-walkthrough.md`), 'utf8');
  const stepTable = tables(text).find((table) =>
    table.rows.some((row) => row.cells[0].endsWith(tutorial.consoleSteps[0])),
  );
  const tableText = stepTable?.rows.map((row) => row.cells.join(' | ')).join('\n') ?? '';

  it('has a table of the tutorial steps, the console steps 6.1 to 6.6 included', () => {
    const steps = stepTable?.rows.map((row) => row.cells[0]) ?? [];
    for (const step of tutorial.consoleSteps)
      expect(steps.some((cell) => new RegExp(`\\b${step.replace('.', '\\.')}\\b`).test(cell))).toBe(
        true,
      );
  });

  it.each(tutorial.commands)(
    'quotes the tutorial command `%s` verbatim in that table',
    (command) => {
      expect(tableText).toContain(`\`${command}\``);
    },
  );

  it("shows the tutorial's 90:10 output lines", () => {
    const output = tutorial.weighted90To10Output.trimEnd();
    const blocks = splitFences(text).blocks.map((block) => block.lines.join('\n'));
    expect(blocks).toContain(output);
  });
});
