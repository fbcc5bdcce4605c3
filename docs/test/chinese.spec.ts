// The rules for Chinese text against synthetic docs: no line break between two Chinese
// characters, the glossary's words and not the ones it rules out, console names next to English
// resource names.
import { checkLineBreaks, checkTerms } from './support/check-docs';
import { docsSite, GLOSSARY_TEXT, messages, repo } from './support/synthetic-repo';

describe('checkLineBreaks', () => {
  it('fails on a line break between two Chinese characters or CJK punctuation', () => {
    const input = repo({
      'docs/zh/a.md': '第一行写到这里，\n第二行接着写\n完。\n\n> 引用也一样\n> 不行。\n',
    });
    expect(checkLineBreaks(input)).toEqual([
      {
        kind: 'line-break',
        file: 'docs/zh/a.md',
        line: 1,
        message: 'line break between "，" and "第": join the lines',
      },
      expect.objectContaining({
        line: 2,
        message: 'line break between "写" and "完": join the lines',
      }),
      expect.objectContaining({ line: 5 }),
    ]);
  });

  it('fails in a list item that goes on over two lines', () => {
    const input = repo({ 'docs/zh/a.md': '- 列表项的第一行\n  第二行\n' });
    expect(checkLineBreaks(input)).toMatchObject([{ line: 1 }]);
  });

  it('accepts breaks next to Latin text or code, new blocks, hard breaks and code blocks', () => {
    const input = repo({
      'docs/zh/a.md': [
        '中文后面是 `kubectl`',
        '再写中文，然后是 Pod',
        '中文。',
        '- 新的列表项',
        '1. 编号列表',
        '| 表格 |',
        '',
        '硬换行  ',
        '可以。',
        '```text',
        '代码块里',
        '随意换行',
        '```',
      ].join('\n'),
    });
    expect(checkLineBreaks(input)).toEqual([]);
  });
});

describe('checkTerms', () => {
  it("accepts Chinese pages that keep the glossary's words", () => {
    expect(
      checkTerms(repo(docsSite(() => '控制平面给 Pod 推送虚拟服务（VirtualService）。\n'))),
    ).toEqual([]);
  });

  it('fails on a word the glossary rules out, in prose, headings and link texts', () => {
    const site = docsSite(() => '');
    site['docs/zh/lab-walkthrough.md'] += '## 控制面\n\n每个 pod 都有 [两个 pods](x.md)。\n';
    expect(checkTerms(repo(site))).toEqual([
      {
        kind: 'term',
        file: 'docs/zh/lab-walkthrough.md',
        line: 5,
        message: '"控制面": write 控制平面 (docs/zh/glossary.md)',
      },
      expect.objectContaining({ line: 7, message: '"pod": write Pod (docs/zh/glossary.md)' }),
      expect.objectContaining({ line: 7, message: '"pods": write Pod (docs/zh/glossary.md)' }),
    ]);
  });

  it('leaves code, longer words, English pages and the glossary itself alone', () => {
    const site = docsSite(() => '');
    site['docs/zh/lab-walkthrough.md'] +=
      '`kubectl get pod`、no-sidecar-pod、podman、[pods.ts](x.ts)、"enroll individual pods" 和 [链接](pod.md)\n\n```sh\n# 控制面\n```\n';
    site['docs/en/lab-walkthrough.md'] += 'Every pod.\n';
    expect(checkTerms(repo(site))).toEqual([]);
    expect(GLOSSARY_TEXT).toContain('控制面');
  });

  it('fails on a page that names a resource in English but never by its console name', () => {
    const site = docsSite(() => '');
    site['docs/zh/why-one-pod.md'] += '改 `VirtualService` 的权重。\n\n还是 VirtualServices。\n';
    site['README.zh-CN.md'] += '\n虚拟服务（VirtualService）。\n';
    expect(checkTerms(repo(site))).toEqual([
      {
        kind: 'term',
        file: 'docs/zh/why-one-pod.md',
        line: 5,
        message: 'names VirtualService but never 虚拟服务, its name in the ASM console',
      },
    ]);
  });

  it('fails when the glossary lacks its rule tables', () => {
    const site = docsSite(() => '');
    site['docs/zh/glossary.md'] = '# 术语表\n';
    expect(messages(checkTerms(repo(site)))).toEqual([
      'the term rules (tables | 写作 | 不写作 | and | 英文名 | ASM 控制台名称 |) are missing',
    ]);
  });
});
