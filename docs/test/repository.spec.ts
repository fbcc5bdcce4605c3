// The docs as they are in this repository: README.md, docs/**/*.md and the chart's README must
// only link to what exists and only show commands our CLIs, skaffold.yaml and package.json accept.
import {
  checkCommands,
  checkIssueNumbers,
  checkLineBreaks,
  checkLinks,
  checkNavigation,
  checkParity,
  checkReadingOrder,
  checkScenarios,
  checkTerms,
  type DocsInput,
  formatProblem,
  type Problem,
} from './support/check-docs';
import { type Cli, cliCall, CLIS, commandLines } from './support/commands';
import { loadRepository } from './support/repo';

let repo: DocsInput & { help: Record<Cli, string> };

beforeAll(async () => {
  repo = await loadRepository();
});

const report = (problems: Problem[]) => problems.map(formatProblem);

describe('the docs of this repository', () => {
  it('checks both READMEs, the chart README in both languages and the pages under docs/', () => {
    const files = Object.keys(repo.markdown);
    expect(files).toEqual(
      expect.arrayContaining([
        'README.md',
        'README.zh-CN.md',
        'charts/grpc-greeter/README.md',
        'charts/grpc-greeter/README.zh-CN.md',
      ]),
    );
    expect(files.filter((f) => /^docs\/(en|zh)\/[^/]+\.md$/.test(f)).length).toBeGreaterThan(13);
  });

  it('read the real --help of every CLI', () => {
    for (const cli of CLIS) expect(repo.cliFlags[cli].size).toBeGreaterThan(3);
    expect(repo.cliFlags['greeter-client'].has('expect')).toBe(true);
    expect(repo.cliFlags['health-probe'].has('addr')).toBe(true);
  });

  it('show each CLI in at least one command line (so the flag check is not vacuous)', () => {
    const used = new Set(
      Object.values(repo.markdown).flatMap((text) =>
        commandLines(text).flatMap((command) => cliCall(command)?.cli ?? []),
      ),
    );
    expect([...used].sort()).toEqual([...CLIS].sort());
  });

  it('have no relative link to a file or folder that does not exist', () => {
    expect(report(checkLinks(repo).filter((p) => p.kind === 'link'))).toEqual([]);
  });

  it('have no #anchor that no heading of the target produces', () => {
    expect(report(checkLinks(repo).filter((p) => p.kind === 'anchor'))).toEqual([]);
  });

  it('name only scenario files that exist in charts/grpc-greeter/scenarios/', () => {
    expect(report(checkScenarios(repo))).toEqual([]);
  });

  it("use only flags that the CLIs' --help lists", () => {
    expect(report(checkCommands(repo).filter((p) => p.kind === 'flag'))).toEqual([]);
  });

  it('use only skaffold profiles that skaffold.yaml defines', () => {
    expect(report(checkCommands(repo).filter((p) => p.kind === 'profile'))).toEqual([]);
  });

  it('use only npm scripts that package.json defines', () => {
    expect(report(checkCommands(repo).filter((p) => p.kind === 'script'))).toEqual([]);
  });

  it("list every page of docs/en in README.md's table, and in the same order in README.zh-CN.md", () => {
    expect(report(checkReadingOrder(repo))).toEqual([]);
  });

  it('have every page in English and Chinese, with the same ## headings and code blocks', () => {
    expect(report(checkParity(repo))).toEqual([]);
  });

  it('link every page to its neighbours, its translation and the code', () => {
    expect(report(checkNavigation(repo))).toEqual([]);
  });

  it('name no issue or pull request by its number alone', () => {
    expect(report(checkIssueNumbers(repo))).toEqual([]);
  });

  it('break no line between two Chinese characters', () => {
    expect(report(checkLineBreaks(repo))).toEqual([]);
  });

  it("use the glossary's words in Chinese, and the console's names next to VirtualService and DestinationRule", () => {
    expect(report(checkTerms(repo))).toEqual([]);
  });
});
