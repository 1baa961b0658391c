#!/usr/bin/env python3
"""Checks every relative link of README.md and docs/*.md: the file or folder exists in the
repository, and a '#section' anchor names a heading of the target (GitHub's anchor rule: lower
case, punctuation dropped, spaces to hyphens). Prints each broken link; exit code 1 if any.
Usage, from anywhere: python3 docs/check_links.py [FILE.md ...]"""
import pathlib
import re
import sys
import unicodedata

ROOT = pathlib.Path(__file__).resolve().parent.parent
LINK = re.compile(r'(?<!!)\[[^\]]*\]\(([^)\s]+)\)')
FENCE = re.compile(r'^(```|~~~)')


def word(c):
    """GitHub keeps letters, marks, decimal digits and connectors (so '²' goes, '_' stays)."""
    kind = unicodedata.category(c)
    return kind[0] in 'LM' or kind in ('Nd', 'Pc')


def anchors(md):
    """The anchors GitHub gives the headings of a Markdown file."""
    seen, out, fenced = {}, set(), False
    for line in md.read_text(encoding='utf-8').splitlines():
        if FENCE.match(line):
            fenced = not fenced
        if fenced or not line.startswith('#'):
            continue
        text = line.lstrip('#').strip().lower()
        slug = ''.join(c for c in text if c in '- ' or word(c)).replace(' ', '-')
        n = seen.get(slug, 0)
        seen[slug] = n + 1
        out.add(slug if n == 0 else f'{slug}-{n}')
    return out


def links(md):
    fenced = False
    for number, line in enumerate(md.read_text(encoding='utf-8').splitlines(), 1):
        if FENCE.match(line):
            fenced = not fenced
            continue
        if not fenced:
            for target in LINK.findall(re.sub(r'`[^`]*`', '', line)):
                yield number, target


def main(files):
    broken = 0
    for md in files:
        for number, target in links(md):
            if re.match(r'^[a-z]+:', target):   # http:, https:, mailto:
                continue
            path, _, anchor = target.partition('#')
            dest = (md.parent / path).resolve() if path else md
            problem = None
            if not dest.exists():
                problem = 'no such file'
            elif ROOT not in dest.parents and dest != ROOT:
                problem = 'outside the repository'
            elif anchor and dest.suffix == '.md' and anchor not in anchors(dest):
                problem = f'no heading #{anchor}'
            if problem:
                broken += 1
                print(f'{md.relative_to(ROOT)}:{number}: {target}: {problem}')
    return 1 if broken else 0


if __name__ == '__main__':
    args = [pathlib.Path(a).resolve() for a in sys.argv[1:]]
    sys.exit(main(args or [ROOT / 'README.md', *sorted((ROOT / 'docs').glob('*.md'))]))
