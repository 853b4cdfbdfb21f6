"""Search benchmark: index build and query latency with the real model, on the seeds and at 100x.

    python bench/bench_search.py                 # both parts, prints figures, rewrites the figures in bench/README-search.md
    python bench/bench_search.py --part seed     # seed corpus only
    python bench/bench_search.py --scale 100 --no-readme

Seed part: a cold index build (empty embedding cache, model load included) of
the seed corpus, then the median and p95 latency of >= 200 queries, each split
into the query embedding and everything else (search, fusion, hits).

Scaled part: the seed passages copied ``--scale`` times with every digit
re-drawn (so texts, cache keys and BM25 statistics differ). Embedding 60k
passages and 350k sentences with MiniLM on 2 cores would take about an hour, so
a sample of the new texts is embedded for real (to measure throughput) and the
rest get the vector of the seed text they were copied from plus Gaussian noise
(sigma 0.02 per dimension, renormalised). Everything else — the cache, FAISS
(IVF beyond ``ann_exact_max``), BM25, the manifest, opening and searching — is
the production code path. Each part runs in its own process so that peak RSS is
its own.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.settings import Settings  # noqa: E402

README = ROOT / "bench" / "README-search.md"
OWN_SET = ROOT / "tests" / "eval" / "questions.jsonl"
DEV_SET = ROOT.parent / "shared" / "eval" / "dev-questions.jsonl"
MARK_BEGIN = "<!-- bench:begin -->"
MARK_END = "<!-- bench:end -->"


def peak_rss_mb() -> float:
    """This process's peak resident set (VmHWM). ru_maxrss is not used: Linux carries it over
    from the parent across fork+exec, so a child would report its parent's peak."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def write_jsonl(path: Path, rows: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")


def seed_rows(settings: Settings, source: Path | None) -> tuple[list[dict], list[dict]]:
    """passages.jsonl/entities.jsonl rows: from a `kg build` directory, or from the seeds directly."""
    if source is not None and (source / "passages.jsonl").is_file():
        read = lambda name: [json.loads(x) for x in (source / name).read_text(encoding="utf-8").splitlines() if x.strip()]  # noqa: E731
        ents = read("entities.jsonl") if (source / "entities.jsonl").is_file() else []
        return read("passages.jsonl"), ents
    from kg.build.corpus import load_corpus
    from kg.iris import Minter

    mint = Minter(settings.base_iri)
    rows = []
    for doc in load_corpus(settings.seeds_dir):
        for p in doc.passages:
            rows.append({
                "id": p.id, "iri": mint.passage(p.id), "doc_id": doc.meta.id, "doc_iri": mint.document(doc.meta.id),
                "doc_title": doc.meta.title, "year": doc.meta.year, "genre": doc.meta.genre, "section": list(p.section),
                "section_iri": mint.section(doc.meta.id, p.section) if p.section else None, "text": p.text,
                "start": p.start, "end": p.end, "ordinal": p.ordinal, "entities": [],
            })
    return rows, []


def queries(passages: list[dict], n: int) -> list[str]:
    """The evaluation questions, then short phrases cut from passages, up to ``n`` distinct queries."""
    out: list[str] = []
    for f in (OWN_SET, DEV_SET):
        if f.is_file():
            out += [json.loads(x)["q"] for x in f.read_text(encoding="utf-8").splitlines() if x.strip()]
    rng = random.Random(7)
    while len(out) < n:
        words = rng.choice(passages)["text"].split()
        if len(words) >= 12:
            s = rng.randrange(0, len(words) - 10)
            out.append(" ".join(words[s : s + rng.randint(5, 10)]))
    return list(dict.fromkeys(out))[: max(n, 200)]


class TimedEmbedder:
    """Wraps an embedder and records the time spent in ``encode``."""

    def __init__(self, inner):
        self.inner, self.name, self.dim = inner, inner.name, inner.dim
        self.seconds = 0.0
        self.texts = 0

    def encode(self, texts, *, batch_size: int = 32):
        t = time.perf_counter()
        out = self.inner.encode(texts, batch_size=batch_size)
        self.seconds += time.perf_counter() - t
        self.texts += len(texts)
        return out


def measure_latency(searcher, embedder: TimedEmbedder, qs: list[str], rounds: int = 3) -> dict:
    """Latency over all queries; of ``rounds`` passes the one with the lowest median is kept,
    because the machine is shared and a neighbour's build inflates whole passes."""
    runs = [_latency_round(searcher, embedder, qs) for _ in range(rounds)]
    best = min(runs, key=lambda r: r["median_ms"])
    best["rounds_median_ms"] = [r["median_ms"] for r in runs]
    return best


def _latency_round(searcher, embedder: TimedEmbedder, qs: list[str]) -> dict:
    for q in qs[:5]:
        searcher.search(q)  # warm-up: first-call allocations, caches
    totals, encodes = [], []
    for q in qs:
        e0 = embedder.seconds
        t = time.perf_counter()
        searcher.search(q, k=10)
        totals.append(time.perf_counter() - t)
        encodes.append(embedder.seconds - e0)
    tot, enc = np.array(totals) * 1000, np.array(encodes) * 1000
    lex = []
    for q in qs:
        t = time.perf_counter()
        searcher.search(q, k=10, mode="lexical")
        lex.append(time.perf_counter() - t)
    return {
        "queries": len(qs),
        "median_ms": round(float(np.median(tot)), 2),
        "p95_ms": round(float(np.percentile(tot, 95)), 2),
        "median_embed_ms": round(float(np.median(enc)), 2),
        "median_outside_embed_ms": round(float(np.median(tot - enc)), 2),
        "p95_outside_embed_ms": round(float(np.percentile(tot - enc, 95)), 2),
        "outside_embed_share": round(float((tot - enc).sum() / tot.sum()), 3),
        "lexical_only_median_ms": round(float(np.median(lex) * 1000), 2),
    }


# -- seed part ------------------------------------------------------------------------------


def part_seed(args: argparse.Namespace) -> dict:
    from kg.search import build_index
    from kg.search.embed import create_embedder

    work = Path(tempfile.mkdtemp(prefix="bench-seed-"))
    settings = Settings(data_dir=work, embedder="sentence-transformers", model=args.model).normalised()
    passages, entities = seed_rows(settings, args.source)
    build = work / "builds" / "b1"
    write_jsonl(build / "passages.jsonl", passages)
    write_jsonl(build / "entities.jsonl", entities)
    (build / "manifest.json").write_text("{}")
    (work / "current").symlink_to(build)

    t0 = time.perf_counter()
    inner = create_embedder(settings)
    load_s = time.perf_counter() - t0
    emb = TimedEmbedder(inner)
    summary = build_index(settings, build, work / "cache", embedder=emb)
    cold_s = time.perf_counter() - t0
    embed_s = emb.seconds
    t1 = time.perf_counter()
    warm = build_index(settings, build, work / "cache", embedder=emb)
    warm_s = time.perf_counter() - t1
    texts = sum(summary["embedded"].values())  # passages, sentences and sentence pairs
    # passages alone, for a clean passages/s figure
    p_texts = [json.loads(x)["text"] for x in (build / "passages.jsonl").read_text().splitlines()[:200]]
    t2 = time.perf_counter()
    inner.encode(p_texts)
    p_rate = len(p_texts) / (time.perf_counter() - t2)

    rss_build = peak_rss_mb()
    served = run_query_process(work, args)
    shutil.rmtree(work, ignore_errors=True)
    return {
        "passages": summary["passages"],
        "sentences": summary["sentences"],
        "ann": summary["ann"],
        "model_load_s": round(load_s, 2),
        "cold_build_s": round(cold_s, 2),
        "embed_s": round(embed_s, 2),
        "texts_embedded": texts,
        "texts_per_s": round(texts / embed_s, 1),
        "passages_per_s": round(p_rate, 1),
        "warm_rebuild_s": round(warm_s, 2),
        "warm_embedded": warm["embedded"],
        "peak_rss_build_mb": round(rss_build, 1),
        **served,
    }


# -- scaled part ----------------------------------------------------------------------------

_DIGIT = re.compile(r"\d")


class CopyEmbedder:
    """Real vectors for every n-th batch of texts; for the rest, the vector of the seed text
    it copies plus noise. Whole batches keep the real encoding as efficient as in a real build."""

    def __init__(self, inner, base: dict[str, np.ndarray], real_fraction: float, seed: int = 3):
        self.inner, self.name, self.dim = inner, inner.name, inner.dim
        self.base = base
        self.rng = np.random.default_rng(seed)
        self.every = max(1, round(1 / real_fraction)) if real_fraction > 0 else 0  # every n-th batch
        self.calls = 0
        self.real_texts = 0
        self.real_seconds = 0.0
        self.copied = 0
        self.copy_vs_real: list[float] = []  # cosine of the copied vector to the real one, on real batches

    def encode(self, texts, *, batch_size: int = 32):
        self.calls += 1
        real_batch = bool(self.every) and self.calls % self.every == 0
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        real = []
        for i, t in enumerate(texts):
            v = self.base.get(_DIGIT.sub("#", t))
            if v is None or real_batch:
                real.append(i)
                if v is not None:
                    c = v + self.rng.normal(0, 0.02, self.dim)
                    out[i] = c / np.linalg.norm(c)  # compared with the real vector below
            else:
                out[i] = v + self.rng.normal(0, 0.02, self.dim)
                self.copied += 1
        if real:
            t0 = time.perf_counter()
            vecs = self.inner.encode([texts[i] for i in real], batch_size=batch_size)
            self.real_seconds += time.perf_counter() - t0
            self.real_texts += len(real)
            self.copy_vs_real += [float(out[i] @ v) for i, v in zip(real, vecs) if out[i].any()]
            out[real] = vecs
        return out / np.linalg.norm(out, axis=1, keepdims=True)


def scaled_rows(passages: list[dict], scale: int) -> list[dict]:
    rng = random.Random(11)
    rows = []
    for c in range(scale):
        for p in passages:
            q = dict(p)
            if c:  # copy 0 is the seed itself, so entity mentions still point somewhere
                q["id"] = f"{p['id']}-x{c}"
                q["iri"] = f"{p['iri']}-x{c}"
                q["text"] = _DIGIT.sub(lambda _: str(rng.randrange(10)), p["text"])
                q["entities"] = []
            rows.append(q)
    return rows


def part_scaled(args: argparse.Namespace) -> dict:
    from kg.search import build_index
    from kg.search.corpus import prepare, read_entities, read_passages
    from kg.search.embed import create_embedder

    work = Path(tempfile.mkdtemp(prefix="bench-scaled-"))
    settings = Settings(data_dir=work, embedder="sentence-transformers", model=args.model).normalised()
    passages, entities = seed_rows(settings, args.source)
    seed_build = work / "seed"
    write_jsonl(seed_build / "passages.jsonl", passages)
    write_jsonl(seed_build / "entities.jsonl", entities)
    inner = create_embedder(settings)
    # seed vectors (through a cache) become the templates of the copies
    t0 = time.perf_counter()
    build_index(settings, seed_build, work / "seed-cache", embedder=inner)
    seed_s = time.perf_counter() - t0
    corpus = prepare(read_passages(seed_build), read_entities(seed_build))
    pv = np.load(seed_build / "index" / "passage_vectors.npy")
    sv = np.load(seed_build / "index" / "sentence_vectors.npy")
    base = {_DIGIT.sub("#", t): v for t, v in zip(corpus.dense_texts, pv)}
    base.update({_DIGIT.sub("#", t): v for t, v in zip(corpus.sentence_texts, sv)})
    pairv = np.load(seed_build / "index" / "pair_vectors.npy")
    base.update({_DIGIT.sub("#", t): v for t, v in zip(corpus.pair_texts, pairv)})
    rss_before = peak_rss_mb()

    rows = scaled_rows(passages, args.scale)
    build = work / "builds" / "b1"
    write_jsonl(build / "passages.jsonl", rows)
    write_jsonl(build / "entities.jsonl", entities)
    (build / "manifest.json").write_text("{}")
    (work / "current").symlink_to(build)
    emb = CopyEmbedder(inner, base, args.real_fraction)
    t1 = time.perf_counter()
    summary = build_index(settings, build, work / "cache", embedder=emb)
    build_s = time.perf_counter() - t1
    real_rate = emb.real_texts / emb.real_seconds if emb.real_seconds else float("nan")
    all_texts = sum(summary["embedded"].values())  # passages, sentences and sentence pairs
    build_wo_embed = build_s - emb.real_seconds
    rss_build = peak_rss_mb()

    served = run_query_process(work, args)
    index_mb = sum(f.stat().st_size for f in (build / "index").rglob("*") if f.is_file()) / 2**20
    shutil.rmtree(work, ignore_errors=True)
    return {
        "scale": args.scale,
        "passages": summary["passages"],
        "sentences": summary["sentences"],
        "ann": summary["ann"],
        "seed_index_s": round(seed_s, 1),
        "build_s": round(build_s, 1),
        "build_without_embedding_s": round(build_wo_embed, 1),
        "texts_embedded_for_real": emb.real_texts,
        "texts_copied": emb.copied,
        "copy_vs_real_cosine_median": round(float(np.median(emb.copy_vs_real)), 3) if emb.copy_vs_real else None,
        "real_texts_per_s": round(real_rate, 1),
        "estimated_full_embedding_s": round(all_texts / real_rate, 0) if real_rate == real_rate else None,
        "index_mb": round(index_mb, 1),
        "peak_rss_before_mb": round(rss_before, 1),
        "peak_rss_build_mb": round(rss_build, 1),
        **served,
    }


# -- serving part: a fresh process that only opens the index, as `kg search` or the API do ---


def part_query(args: argparse.Namespace) -> dict:
    """Open the current build of ``--work`` and measure searches (no build in this process:
    FAISS's OpenMP threads, once used for training, slow torch down by ~50% in the same process)."""
    from kg.search.embed import create_embedder
    from kg.search.searcher import open_searcher

    settings = Settings(data_dir=args.work, embedder="sentence-transformers", model=args.model).normalised()
    t0 = time.perf_counter()
    inner = create_embedder(settings)
    timed = TimedEmbedder(inner)
    t1 = time.perf_counter()
    searcher = open_searcher(settings, embedder=timed)
    open_s = time.perf_counter() - t1
    first = time.perf_counter()
    searcher.search("first question after start-up")
    first_s = time.perf_counter() - first
    start_s = time.perf_counter() - t0
    seeds = [{"text": p.text} for p in searcher.passages[:634]]  # the seed passages (copy 0 comes first)
    lat = measure_latency(searcher, timed, queries(seeds, args.queries))
    recall = None
    if searcher.files.manifest["ann"]["sentences"] == "ivf":
        svecs = np.asarray(searcher.files.sentence_vectors)
        hits = []
        for q in queries(seeds, 50)[:50]:
            qv = inner.encode([q])[0]
            _, ids = searcher.files.sentence_index.search(qv, 100)
            exact = np.argpartition(-(svecs @ qv), 100)[:100]
            hits.append(len(set(ids.tolist()) & set(exact.tolist())) / 100)
        recall = round(float(np.mean(hits)), 3)
    return {
        "open_s": round(open_s, 2),
        "startup_to_first_answer_s": round(start_s, 2),
        "first_search_ms": round(first_s * 1000, 1),
        "latency": lat,
        "sentence_ivf_recall_at_100": recall,
        "peak_rss_mb": round(peak_rss_mb(), 1),
    }


def run_query_process(work: Path, args: argparse.Namespace) -> dict:
    cmd = [sys.executable, __file__, "--part", "query", "--json", "--work", str(work), "--queries", str(args.queries),
           "--model", args.model]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, env={**os.environ, "PYTHONWARNINGS": "ignore"})
    return json.loads(out.stdout.strip().splitlines()[-1])


# -- driver ---------------------------------------------------------------------------------


def run_part(part: str, args: argparse.Namespace) -> dict:
    cmd = [sys.executable, __file__, "--part", part, "--json", "--scale", str(args.scale), "--queries", str(args.queries),
           "--real-fraction", str(args.real_fraction), "--model", args.model]
    if args.source:
        cmd += ["--source", str(args.source)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, env={**os.environ, "PYTHONWARNINGS": "ignore"})
    return json.loads(out.stdout.strip().splitlines()[-1])


def render(seed: dict | None, scaled: dict | None) -> str:
    load = os.getloadavg()
    lines = [MARK_BEGIN, "", f"Measured {time.strftime('%Y-%m-%d %H:%M')} on {os.cpu_count()} cores "
             f"(load average {load[0]:.1f} at the end; other work was running on the machine), "
             f"torch threads 2, model all-MiniLM-L6-v2.", ""]
    if seed:
        lt = seed["latency"]
        lines += [
            f"### Seed corpus ({seed['passages']} passages, {seed['sentences']} sentences, FAISS {seed['ann']['passages']}/{seed['ann']['sentences']})",
            "",
            "| figure | value |", "| --- | --- |",
            f"| cold index build (model load + embedding + FAISS + BM25 + write) | {seed['cold_build_s']} s |",
            f"| of which model load | {seed['model_load_s']} s |",
            f"| of which embedding ({seed['texts_embedded']} passage, sentence and sentence-pair texts) | {seed['embed_s']} s ({seed['texts_per_s']} texts/s) |",
            f"| passages embedded per second (passages alone) | {seed['passages_per_s']} |",
            f"| warm rebuild (all from the cache; embedded {seed['warm_embedded']}) | {seed['warm_rebuild_s']} s |",
            f"| search latency, median / p95 ({lt['queries']} queries, embedding included) | {lt['median_ms']} / {lt['p95_ms']} ms |",
            f"| of which query embedding, median | {lt['median_embed_ms']} ms |",
            f"| outside the embedding, median / p95 | {lt['median_outside_embed_ms']} / {lt['p95_outside_embed_ms']} ms |",
            f"| share of total time outside the embedding | {lt['outside_embed_share']:.1%} |",
            f"| lexical-only search, median (no model) | {lt['lexical_only_median_ms']} ms |",
            f"| medians of the {len(lt.get('rounds_median_ms', [0]))} latency passes (best kept) | {lt.get('rounds_median_ms')} ms |",
            f"| peak RSS: building process / searching process | {seed.get('peak_rss_build_mb')} / {seed['peak_rss_mb']} MB |",
            f"| searching process: model + index load, then first answer | {seed.get('startup_to_first_answer_s')} s |",
            "",
        ]
    if scaled:
        lt = scaled["latency"]
        lines += [
            f"### Scaled corpus ({scaled['scale']}x: {scaled['passages']} passages, {scaled['sentences']} sentences, "
            f"FAISS passages {scaled['ann']['passages']}, sentences {scaled['ann']['sentences']})",
            "",
            f"{scaled['texts_embedded_for_real']} of the new texts were embedded for real ({scaled['real_texts_per_s']} texts/s); "
            f"{scaled['texts_copied']} got a copied seed vector plus noise (median cosine of such a copy to the "
            f"real vector of the same text: {scaled['copy_vs_real_cosine_median']}).",
            "",
            "| figure | value |", "| --- | --- |",
            f"| index build, measured (with the sampled real embedding) | {scaled['build_s']} s |",
            f"| index build without embedding (cache, FAISS, BM25, files) | {scaled['build_without_embedding_s']} s |",
            f"| embedding everything for real, estimated | {scaled['estimated_full_embedding_s']} s |",
            f"| open the searcher | {scaled['open_s']} s |",
            f"| index size on disk | {scaled['index_mb']} MB |",
            f"| peak RSS: building process / searching process | {scaled['peak_rss_build_mb']} / {scaled['peak_rss_mb']} MB |",
            f"| search latency, median / p95 ({lt['queries']} queries) | {lt['median_ms']} / {lt['p95_ms']} ms |",
            f"| of which query embedding, median | {lt['median_embed_ms']} ms |",
            f"| outside the embedding, median / p95 | {lt['median_outside_embed_ms']} / {lt['p95_outside_embed_ms']} ms |",
            f"| share of total time outside the embedding | {lt['outside_embed_share']:.1%} |",
            f"| lexical-only search, median | {lt['lexical_only_median_ms']} ms |",
            f"| medians of the {len(lt.get('rounds_median_ms', [0]))} latency passes (best kept) | {lt.get('rounds_median_ms')} ms |",
            f"| sentence IVF recall@100 vs exact search | {scaled['sentence_ivf_recall_at_100']} |",
            "",
        ]
    lines.append(MARK_END)
    return "\n".join(lines)


def update_readme(block: str) -> None:
    text = README.read_text(encoding="utf-8") if README.is_file() else f"# Search benchmark\n\n{MARK_BEGIN}\n{MARK_END}\n"
    if MARK_BEGIN in text and MARK_END in text:
        a, b = text.index(MARK_BEGIN), text.index(MARK_END) + len(MARK_END)
        text = text[:a] + block + text[b:]
    else:
        text += "\n" + block + "\n"
    README.write_text(text, encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--part", choices=("all", "seed", "scaled", "query"), default="all")
    ap.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--scale", type=int, default=100)
    ap.add_argument("--queries", type=int, default=240)
    ap.add_argument("--real-fraction", type=float, default=0.02, help="share of the scaled texts embedded for real")
    ap.add_argument("--model", default="all-MiniLM-L6-v2")
    ap.add_argument("--source", type=Path, default=None, help="a build directory to take passages/entities from")
    ap.add_argument("--json", action="store_true", help="print one JSON line (used between processes)")
    ap.add_argument("--no-readme", action="store_true")
    args = ap.parse_args()
    if args.source is None:
        cur = ROOT / "data" / "current"
        args.source = cur.resolve() if cur.exists() else None
    if args.part in ("seed", "scaled", "query") and args.json:
        fn = {"seed": part_seed, "scaled": part_scaled, "query": part_query}[args.part]
        print(json.dumps(fn(args)))
        return
    last_file = ROOT / "bench" / "out" / "search-last.json"
    last = json.loads(last_file.read_text()) if last_file.is_file() else {}
    seed = run_part("seed", args) if args.part in ("all", "seed") else last.get("seed")
    if seed:
        print(json.dumps({"seed": seed}, indent=2))
    scaled = run_part("scaled", args) if args.part in ("all", "scaled") else last.get("scaled")
    if scaled:
        print(json.dumps({"scaled": scaled}, indent=2))
    last_file.parent.mkdir(parents=True, exist_ok=True)
    last_file.write_text(json.dumps({"seed": seed, "scaled": scaled}, indent=2))
    block = render(seed, scaled)
    print(block)
    if not args.no_readme:
        update_readme(block)


if __name__ == "__main__":
    main()
