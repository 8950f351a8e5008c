// The links between README.md and the guides in docs/ lead somewhere: every relative link names a
// file that exists and, with a #fragment, a heading of that file (GitHub's anchor rules).
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, it } from 'node:test';

const root = join(__dirname, '..', '..');
const pages = [
  join(root, 'README.md'),
  ...readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => join(root, 'docs', name)),
];

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens. */
function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[`*_]/g, '')
    .replace(/[^\p{L}\p{N} -]/gu, '')
    .replace(/ /g, '-');
}

function anchorsOf(file: string): Set<string> {
  const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '');
  return new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((m) => anchorOf(m[1] ?? '')));
}

/** Relative links of a markdown file, outside code blocks: [text](target). */
function linksOf(file: string): string[] {
  const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '');
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => m[1] ?? '')
    .filter((target) => !/^[a-z]+:/i.test(target));
}

describe('documentation links', () => {
  it('every relative link in README.md and docs/*.md leads to a file and a heading', () => {
    const broken: string[] = [];
    for (const page of pages) {
      for (const link of linksOf(page)) {
        const [path = '', fragment] = link.split('#');
        const target = path === '' ? page : join(dirname(page), path);
        const where = `${relative(root, page)}: ${link}`;
        if (!existsSync(target)) broken.push(`${where} (no such file)`);
        else if (fragment && target.endsWith('.md') && !anchorsOf(target).has(fragment))
          broken.push(`${where} (no such heading)`);
      }
    }
    assert.deepEqual(broken, []);
  });

  it('computes the anchors GitHub gives headings', () => {
    assert.equal(anchorOf('Where to add …'), 'where-to-add-');
    assert.equal(
      anchorOf("The machine's evidence and retention"),
      'the-machines-evidence-and-retention',
    );
    assert.equal(anchorOf('Try it in a browser: `npm run try`'), 'try-it-in-a-browser-npm-run-try');
  });
});
