// Docs are read by people who never saw this project's tracker: "issue 12" or "#12" tells them
// nothing. An issue is named only as a link to it (Helm's, grpc-go's), or not at all.
import {
  splitFences,
  withoutExternalLinks,
  withoutInlineCode,
  withoutLinkTargets,
} from './markdown';
import type { DocsInput, Problem } from './problem';

const ISSUE_NUMBER = /\b(?:issues?|PRs?|pull requests?)\s*#?\d+\b|(?<![\w&#/-])#\d+\b/gi;

/** No issue or pull request number in prose, except as the text of a link out of the repository. */
export function checkIssueNumbers(input: DocsInput): Problem[] {
  return Object.entries(input.markdown).flatMap(([file, text]) => {
    const prose = withoutLinkTargets(
      withoutExternalLinks(withoutInlineCode(splitFences(text).prose)),
    );
    return prose.flatMap((line, index) =>
      [...line.matchAll(ISSUE_NUMBER)].map((m): Problem => ({
        kind: 'issue',
        file,
        line: index + 1,
        message: `"${m[0]}": link to the issue, or say what was decided instead of its number`,
      })),
    );
  });
}
