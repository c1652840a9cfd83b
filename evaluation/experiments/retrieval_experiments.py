"""Offline retrieval experiments over an exported index (see README.md in this folder).

    python3 evaluation/experiments/retrieval_experiments.py <out-dir> overlap|bm25|bigram|lsa

Needs numpy and scipy. Every experiment prints article-level Recall@10/@100 on the answerable questions, overall and
for the STARD and NCP questions, so the numbers compare with `huiying eval` (same gold matching, exported by
export-index.ts). Nothing here is used by huiying itself.
"""
import json
import re
import sys

import numpy as np
import scipy.sparse as sp
from scipy.sparse.linalg import svds

K1, B = 1.2, 0.75
MAX_SHARE = 0.15  # terms in more than this share of chunks are dropped, as in retrieval/lexical-search.ts


def load(out):
    chunks = [json.loads(line) for line in open(f'{out}/chunks.jsonl', encoding='utf8')]
    queries = [json.loads(line) for line in open(f'{out}/queries.jsonl', encoding='utf8')]
    return chunks, queries


def recall(ranking, query, k):
    top = set(ranking[:k])
    return sum(1 for relevant in query['relevant'] if top & set(relevant)) / len(query['relevant'])


def report(name, rankings, queries):
    for group, keep in (('all', lambda q: True), ('stard', lambda q: q['id'].startswith('stard')), ('ncp', lambda q: q['id'].startswith('ncp'))):
        pairs = [(r, q) for r, q in zip(rankings, queries) if keep(q)]
        r10 = np.mean([recall(r, q, 10) for r, q in pairs])
        r100 = np.mean([recall(r, q, 100) for r, q in pairs])
        print(f'{name:40s} {group:6s} n={len(pairs):4d} R@10 {r10:.4f} R@100 {r100:.4f}')


def fuse(rankings, weights, k=60):
    scores = {}
    for ranking, weight in zip(rankings, weights):
        for rank, chunk in enumerate(ranking):
            scores[chunk] = scores.get(chunk, 0) + weight / (k + rank + 1)
    return [chunk for chunk, _ in sorted(scores.items(), key=lambda item: -item[1])]


def term_matrix(token_lists):
    vocabulary, rows, cols, vals = {}, [], [], []
    for i, tokens in enumerate(token_lists):
        counts = {}
        for token in tokens:
            j = vocabulary.setdefault(token, len(vocabulary))
            counts[j] = counts.get(j, 0) + 1
        for j, n in counts.items():
            rows.append(i), cols.append(j), vals.append(n)
    matrix = sp.csr_matrix((np.array(vals, dtype=np.float32), (rows, cols)), shape=(len(token_lists), len(vocabulary)))
    return matrix, vocabulary, np.bincount(cols, minlength=len(vocabulary))


def bm25_matrix(matrix, df):
    n = matrix.shape[0]
    lengths = np.asarray(matrix.sum(1)).ravel()
    coo = matrix.tocoo()
    norm = K1 * (1 - B + B * lengths / lengths.mean())
    weights = coo.data * (K1 + 1) / (coo.data + norm[coo.row])
    idf = np.log(1 + (n - df + 0.5) / (df + 0.5))
    return sp.csc_matrix((weights, (coo.row, coo.col)), shape=matrix.shape), idf


def top(scores, ids, k=300):
    best = np.argpartition(-scores, k)[:k]
    best = best[np.argsort(-scores[best])]
    return [int(ids[i]) for i in best if scores[i] > 0]


def exhaustive_bm25(chunks, queries):
    """Word BM25 over every chunk (no candidate budget, no phrase or document bonus): the keyword method's ceiling."""
    matrix, vocabulary, df = term_matrix([c['terms'].split() for c in chunks])
    weights, idf = bm25_matrix(matrix, df)
    ids = np.array([c['id'] for c in chunks])
    n = len(chunks)
    rankings = []
    for q in queries:
        columns = [(vocabulary[t['term']], t['weight']) for t in q['terms'] if t['term'] in vocabulary and df[vocabulary[t['term']]] <= MAX_SHARE * n]
        if not columns:
            rankings.append([])
            continue
        scores = weights[:, [j for j, _ in columns]] @ np.array([w * idf[j] for j, w in columns])
        rankings.append(top(scores, ids))
    report('huiying keyword ranking (exported)', [q['lexical'] for q in queries], queries)
    report('exhaustive word BM25', rankings, queries)


HAN = re.compile(r'[\u4e00-\u9fff]+|[a-zA-Z0-9]+')
QUESTION_WORDS = '请问 什么 怎么 如何 是否 可以 哪些 应该 应当 吗 呢 的 了 是 在 有 没有'.split()


def bigrams(text):
    return [run[i:i + 2] for run in HAN.findall(text) if len(run) > 1 for i in range(len(run) - 1)]


def bigram_bm25(chunks, queries):
    """Character-bigram BM25 (no segmentation), alone and fused with huiying's keyword ranking by RRF."""
    matrix, vocabulary, df = term_matrix([bigrams(c['text']) for c in chunks])
    weights, idf = bm25_matrix(matrix, df)
    ids = np.array([c['id'] for c in chunks])
    n = len(chunks)
    rankings = []
    for q in queries:
        text = q['question']
        for word in sorted(QUESTION_WORDS, key=len, reverse=True):
            text = text.replace(word, ' ')
        columns = [vocabulary[g] for g in set(bigrams(text)) if g in vocabulary and df[vocabulary[g]] <= MAX_SHARE * n]
        rankings.append(top(weights[:, columns] @ idf[columns], ids) if columns else [])
    report('character-bigram BM25', rankings, queries)
    for weight in (0.3, 0.5, 1.0):
        report(f'keyword + bigram RRF, weight {weight}', [fuse([q['lexical'], r], [1, weight]) for q, r in zip(queries, rankings)], queries)


def lsa(chunks, queries, dimensions=256):
    """Latent semantic analysis trained on the index's own terms (log tf-idf, truncated SVD), as the vector side."""
    matrix, vocabulary, df = term_matrix([c['terms'].split() for c in chunks])
    n = len(chunks)
    idf = (np.log(n / (df + 1.0)) * (df >= 3)).astype(np.float32)
    logged = matrix.copy()
    logged.data = np.log1p(logged.data)
    weighted = sp.csr_matrix(logged.multiply(idf))
    norms = np.sqrt(np.asarray(weighted.multiply(weighted).sum(1)).ravel()) + 1e-9
    u, s, vt = svds(sp.diags(1 / norms) @ weighted.astype(np.float64), k=dimensions)
    vectors = u * s
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-9
    ids = np.array([c['id'] for c in chunks])
    rankings = []
    for q in queries:
        bag = np.zeros(len(vocabulary))
        for t in q['terms']:
            if t['term'] in vocabulary:
                bag[vocabulary[t['term']]] += t['weight'] * idf[vocabulary[t['term']]]
        projected = vt @ bag
        rankings.append(top(vectors @ (projected / (np.linalg.norm(projected) or 1)), ids))
    report(f'LSA {dimensions} dimensions', rankings, queries)
    for weight in (0.2, 0.5, 1.0):
        report(f'keyword + LSA RRF, weight {weight}', [fuse([q['lexical'][:100], r[:100]], [1, weight]) for q, r in zip(queries, rankings)], queries)


def overlap(chunks, queries):
    """How many of the question's own words the gold chunk contains: a ceiling for any keyword method."""
    terms = {c['id']: set(c['terms'].split()) for c in chunks}
    counts = {}
    for q in queries:
        if not q['id'].startswith('stard'):
            continue
        words = {t['term'] for t in q['terms'] if t['weight'] == 1}
        for relevant in q['relevant']:
            shared = max((len(words & terms[c]) for c in relevant if c in terms), default=-1)
            key = 'gold article not among the current chunks' if shared < 0 else f'sharing {min(shared, 5)}{"+" if shared >= 5 else ""} question words'
            counts[key] = counts.get(key, 0) + 1
    total = sum(counts.values())
    for key in sorted(counts):
        print(f'STARD gold references {key}: {counts[key]} ({counts[key] / total:.1%})')


if __name__ == '__main__':
    out, experiment = sys.argv[1], sys.argv[2]
    chunks, queries = load(out)
    {'overlap': overlap, 'bm25': exhaustive_bm25, 'bigram': bigram_bm25, 'lsa': lsa}[experiment](chunks, queries)
