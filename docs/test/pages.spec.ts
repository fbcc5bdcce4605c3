// The page checks against synthetic docs: the pages are docs/en's, in the order of README.md's
// Documentation table; each has its Chinese twin with the same headings and code, and links to
// its neighbours, its twin and the code.
import {
  checkNavigation,
  checkParity,
  checkReadingOrder,
  readingOrder,
} from './support/check-docs';
import { docsSite, messages, PAGES, repo } from './support/synthetic-repo';

describe('checkReadingOrder', () => {
  it("reads the order from README.md's Documentation table", () => {
    const input = repo(docsSite(() => ''));
    expect(readingOrder(input)).toEqual(PAGES);
    expect(checkReadingOrder(input)).toEqual([]);
  });

  it('fails when a page of docs/en is missing from the table', () => {
    const site = docsSite(() => '');
    site['docs/en/performance.md'] = '# Performance\n';
    site['docs/zh/performance.md'] = '# 性能\n';
    expect(messages(checkReadingOrder(repo(site)))).toEqual([
      'the Documentation table does not list docs/en/performance.md',
    ]);
  });

  it('fails when README.zh-CN.md lists the Chinese pages in another order, or lacks the table', () => {
    const site = docsSite(() => '');
    site['README.zh-CN.md'] = site['README.zh-CN.md'].replace(
      /(\| \[why-one-pod.md\][^\n]*\n)(\| \[cluster-walkthrough.md\][^\n]*\n)/,
      '$2$1',
    );
    expect(messages(checkReadingOrder(repo(site)))).toEqual([
      `the 文档 table lists cluster-walkthrough.md, why-one-pod.md, lab-walkthrough.md, glossary.md; README.md lists ${PAGES.join(', ')}`,
    ]);
    site['README.zh-CN.md'] = '# 中文\n';
    expect(messages(checkReadingOrder(repo(site)))).toEqual([
      'no "文档" section linking to the pages of docs/zh/',
    ]);
  });
});

describe('checkParity', () => {
  it('accepts twins with the same headings and code, and a diagram with translated labels', () => {
    const diagram = (label: string) =>
      `\`\`\`mermaid\nflowchart LR\n  C["${label}"] -->|"1"| S\n\`\`\``;
    const input = repo(
      docsSite((lang) =>
        [
          '## One',
          '```sh\nnpm start\n```',
          diagram(lang === 'en' ? 'client pod' : '客户端 Pod'),
        ].join('\n\n'),
      ),
    );
    expect(checkParity(input)).toEqual([]);
  });

  it('fails when a page of docs/en has no Chinese twin', () => {
    const site = docsSite(() => '');
    delete site['docs/zh/lab-walkthrough.md'];
    expect(messages(checkParity(repo(site)))).toEqual(['docs/zh/lab-walkthrough.md is missing']);
  });

  it('fails when a Chinese page has no English twin: docs/en decides the pages', () => {
    const site = { ...docsSite(() => ''), 'docs/zh/extra.md': '# 额外\n' };
    expect(messages(checkParity(repo(site)))).toEqual(['docs/en/extra.md is missing']);
  });

  it('fails when the twins have different numbers of ## headings', () => {
    const input = repo(docsSite((lang) => (lang === 'en' ? '## One\n\n## Two\n' : '## 一\n')));
    expect(checkParity(input)).toHaveLength(PAGES.length);
    expect(checkParity(input)[0].message).toBe(
      'docs/en/cluster-walkthrough.md has 2 level-2 headings, docs/zh/cluster-walkthrough.md has 1',
    );
  });

  it('fails on a code block that differs between the languages', () => {
    const site = docsSite(() => '## One\n\n```sh\nnpm start\n```\n\n```text\nPASS\n```\n');
    site['docs/zh/lab-walkthrough.md'] = site['docs/zh/lab-walkthrough.md'].replace(
      'npm start\n',
      'npm start -- --json\n',
    );
    expect(checkParity(repo(site))).toEqual([
      {
        kind: 'parity',
        file: 'docs/zh/lab-walkthrough.md',
        line: 8,
        message:
          "code block 1 differs from docs/en/lab-walkthrough.md:8 (only a diagram's quoted labels may)",
      },
    ]);
  });

  it('fails on a missing code block, and on a diagram whose edges differ', () => {
    const site = docsSite(() => '```mermaid\nA["a"] --> B\n```\n\n```sh\nnpm test\n```\n');
    site['docs/zh/why-one-pod.md'] = site['docs/zh/why-one-pod.md'].replace(/```sh[^`]*```/, '');
    site['docs/zh/glossary.md'] = site['docs/zh/glossary.md'].replace(
      'A["a"] --> B',
      'A["甲"] --> C',
    );
    expect(messages(checkParity(repo(site)))).toEqual([
      "code block 1 differs from docs/en/glossary.md:6 (only a diagram's quoted labels may)",
      'docs/en/why-one-pod.md has 2 code blocks, docs/zh/why-one-pod.md has 1',
    ]);
  });

  it('fails on a table whose code cells (keys, defaults) differ between the languages', () => {
    const table = (meaning: string) =>
      `| Key | Default | Meaning |\n| --- | --- | --- |\n| \`server.port\` | \`8080\` | ${meaning} |\n`;
    const site = docsSite((lang) => table(lang === 'en' ? 'Listen port' : '监听端口'));
    expect(checkParity(repo(site))).toEqual([]);
    site['docs/zh/why-one-pod.md'] = site['docs/zh/why-one-pod.md'].replace('`8080`', '`9090`');
    site['docs/zh/lab-walkthrough.md'] = site['docs/zh/lab-walkthrough.md'].replace(/\|[^]*$/, '');
    expect(messages(checkParity(repo(site)))).toEqual([
      'table 1 of docs/en/lab-walkthrough.md (line 5) has no counterpart',
      'table 1 has other code cells than docs/en/why-one-pod.md:5',
    ]);
  });

  it('checks the chart README against its Chinese twin', () => {
    const site = docsSite(() => '');
    site['charts/grpc-greeter/README.md'] = '# Chart\n\n## Values\n\n```sh\nhelm lint\n```\n';
    expect(messages(checkParity(repo(site)))).toEqual([
      'charts/grpc-greeter/README.zh-CN.md is missing',
    ]);
    site['charts/grpc-greeter/README.zh-CN.md'] = '# Chart\n\n## 取值\n';
    expect(messages(checkParity(repo(site)))).toEqual([
      'charts/grpc-greeter/README.md has 1 code blocks, charts/grpc-greeter/README.zh-CN.md has 0',
    ]);
  });
});

describe('checkNavigation', () => {
  it('accepts pages linked to their neighbours in the reading order, their twins and the code', () => {
    expect(checkNavigation(repo(docsSite(() => '')))).toEqual([]);
  });

  it('fails when a page does not link to its neighbours, its translation or the code', () => {
    const site = docsSite(() => '');
    site['docs/en/lab-walkthrough.md'] = '# Lab\n\nNo links at all.\n';
    expect(messages(checkNavigation(repo(site)))).toEqual([
      'no link to docs/en/cluster-walkthrough.md',
      'no link to docs/en/glossary.md',
      'no link to docs/zh/lab-walkthrough.md',
      'no link to the code (a file outside docs/)',
    ]);
  });
});
