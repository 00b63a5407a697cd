#!/usr/bin/env python3
"""Learning on real sites: for every host with at least 6 pages in an evaluation set, learn from
half of its pages and clean the other half (both ways), then score against do-nothing and the
bundled rules, and count learned removals whose text is in the ground truth (leaks).

usage: real_sites.py DATA_DIR DECHROME OUT_DIR [DATASET...]
  DATA_DIR   folder with <dataset>/{ground-truth.json,text-w3m/,text-inscriptis/} (../shared/data)
  DECHROME   the dechrome binary (target/release/dechrome)
  OUT_DIR    scratch folder for outputs and learned files
Scores with ../shared/tools/score.py (SCORE env var to override).
"""
import collections
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import urllib.parse

data, D, R = sys.argv[1:4]
sets = sys.argv[4:] or ['l3s-gn1', 'cleanportaleval']
score = os.environ.get('SCORE', os.path.join(data, '..', 'tools', 'score.py'))
norm = lambda t: re.sub(r'\s+', ' ', t)

for ds in sets:
    for renderer in ['text-w3m', 'text-inscriptis']:
        base = f'{data}/{ds}'
        gt = json.load(open(f'{base}/ground-truth.json'))
        by = collections.defaultdict(list)
        for k, v in gt.items():
            h = urllib.parse.urlparse(v.get('url') or '').hostname
            if h:
                by[h].append(k)
        hosts = {h: sorted(ids) for h, ids in by.items() if len(ids) >= 6}
        out = f'{R}/{ds}-{renderer}'
        shutil.rmtree(out, ignore_errors=True)
        for m in ['nothing', 'builtin', 'learned']:
            os.makedirs(f'{out}/{m}', exist_ok=True)
        sub, removals, leaks = {}, 0, collections.Counter()
        for h, ids in hosts.items():
            halves = [ids[0::2], ids[1::2]]
            for a, b in [(0, 1), (1, 0)]:
                train = [f'{base}/{renderer}/{i}.txt.gz' for i in halves[a]]
                rules = f'{out}/{h}-{a}.toml'
                subprocess.run([D, 'learn', '--name', 'site', '--out', rules] + train,
                               check=True, stderr=subprocess.DEVNULL)
                for i in halves[b]:
                    r = subprocess.run([D, 'clean', '--format', 'json', '--rules', rules, '--site',
                                        'site', f'{base}/{renderer}/{i}.txt.gz'],
                                       capture_output=True, check=True)
                    j = json.loads(r.stdout)
                    open(f'{out}/learned/{i}.txt', 'w').write(j['body'])
                    g = norm(gt[i]['articleBody'])
                    for rem in j['removed']:
                        removals += 1
                        t = norm(rem['text'])
                        if rem['rule'].startswith('site/') and len(t.split()) >= 6 and t in g:
                            leaks[(h, rem['rule'])] += 1
            for i in ids:
                sub[i] = gt[i]
                open(f'{out}/nothing/{i}.txt', 'wb').write(
                    gzip.open(f'{base}/{renderer}/{i}.txt.gz').read())
                r = subprocess.run([D, 'clean', '--input', 'text', f'{base}/{renderer}/{i}.txt.gz'],
                                   capture_output=True, check=True)
                open(f'{out}/builtin/{i}.txt', 'wb').write(r.stdout)
        json.dump(sub, open(f'{out}/gt.json', 'w'))
        print(f'{ds} {renderer}: {len(hosts)} hosts, {len(sub)} pages', flush=True)
        subprocess.run(['python3', score, '--gt', f'{out}/gt.json'] +
                       [f'{out}/{m}' for m in ['nothing', 'builtin', 'learned']])
        print(f'removals {removals}; learned removals of ground-truth lines (6+ words): '
              f'{sum(leaks.values())} {dict(leaks)}\n', flush=True)
