"""Index build, manifest checks and incremental re-embedding."""
import json

import pytest
from buildfiles import make_build, tiny_rows

from kg.errors import IndexMismatchError, IndexNotBuiltError, NotBuiltError
from kg.layout import cache_dir
from kg.search import build_index, open_searcher
from kg.search.index import INDEX_DIR, read_manifest


def _build(settings, texts=None, build_id="b1"):
    passages, entities = tiny_rows(settings.base_iri, texts)
    root = make_build(settings.data_dir, passages, entities, build_id)
    return root, build_index(settings, root, cache_dir(settings.data_dir))


def test_manifest_records_what_shaped_the_index(tiny_settings):
    from kg.layout import current_build

    m = read_manifest(current_build(tiny_settings.data_dir).root)
    assert m["model"] == "hash-256" and m["embedder"] == "hash" and m["dim"] == 256
    assert m["passages"] == 8 and m["sentences"] >= 8
    assert m["pairs"] == m["sentences"] - m["passages"]  # every tiny passage has at least one sentence
    assert m["ann"] == {"passages": "flat", "sentences": "flat"}
    assert len(m["corpus_hash"]) == 20


def test_second_build_embeds_nothing_and_one_change_embeds_one(fresh_settings):
    _, first = _build(fresh_settings)
    assert first["embedded"]["passages"] == 8 and first["cached"]["passages"] == 0
    _, second = _build(fresh_settings, build_id="b2")
    assert second["embedded"] == {"passages": 0, "sentences": 0, "pairs": 0}
    assert second["cached"]["passages"] == 8
    texts = [p["text"] for p in tiny_rows(fresh_settings.base_iri)[0]]
    texts[4] = texts[4].replace("by a third", "by a quarter")
    _, third = _build(fresh_settings, texts, build_id="b3")
    assert third["embedded"]["passages"] == 1
    assert third["embedded"]["sentences"] == 1  # only the changed sentence
    assert third["embedded"]["pairs"] == 1  # and the one pair it belongs to


def test_model_mismatch_is_reported(tiny_settings):
    other = tiny_settings.model_copy(update={"embedder": "sentence-transformers", "model": "/models/other-model"})
    with pytest.raises(IndexMismatchError, match="KG_MODEL"):
        open_searcher(other)


def test_corpus_mismatch_is_reported(fresh_settings):
    root, _ = _build(fresh_settings)
    path = root / "passages.jsonl"
    rows = [json.loads(line) for line in path.read_text().splitlines()]
    rows[0]["text"] += " An edit after indexing."
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    with pytest.raises(IndexMismatchError, match="another corpus"):
        open_searcher(fresh_settings)


def test_index_copied_from_another_build_is_refused(fresh_settings):
    import shutil

    root, _ = _build(fresh_settings)
    passages, entities = tiny_rows(fresh_settings.base_iri)
    other = make_build(fresh_settings.data_dir, passages[:-1], entities, "b2")
    shutil.copytree(root / INDEX_DIR, other / INDEX_DIR)
    with pytest.raises(IndexMismatchError):
        open_searcher(fresh_settings)


def test_missing_index_tells_to_run_build(fresh_settings):
    passages, entities = tiny_rows(fresh_settings.base_iri)
    make_build(fresh_settings.data_dir, passages, entities)
    with pytest.raises(IndexNotBuiltError, match="kg build"):
        open_searcher(fresh_settings)


def test_no_build_at_all(fresh_settings):
    with pytest.raises(NotBuiltError, match="kg build"):
        open_searcher(fresh_settings)


def test_progress_is_reported(fresh_settings):
    passages, entities = tiny_rows(fresh_settings.base_iri)
    root = make_build(fresh_settings.data_dir, passages, entities)
    lines: list[str] = []
    summary = build_index(fresh_settings, root, cache_dir(fresh_settings.data_dir), progress=lines.append)
    assert any("embedding passages" in s for s in lines) and summary["passages"] == 8
