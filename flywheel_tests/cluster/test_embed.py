import os

import numpy as np

from flywheel.cluster import embed
from flywheel.cluster.embed import CACHE_DIR, DIM, EmbeddingCache, cache_location, trace_vectors


def test_each_text_is_embedded_once_ever(tmp_path):
    cache = EmbeddingCache(tmp_path / CACHE_DIR)
    first = cache.vectors(["where is my order", "weather in Lisbon", "where is my order"])
    assert first.shape == (3, DIM) and cache.embedded == 2
    np.testing.assert_allclose(np.linalg.norm(first, axis=1), 1, atol=1e-5)
    again = EmbeddingCache(tmp_path / CACHE_DIR)  # a later run, a new process: only the new text is embedded
    second = again.vectors(["weather in Lisbon", "refund my card"])
    assert again.embedded == 1
    np.testing.assert_array_equal(second[0], first[1])
    assert first[0] @ first[1] < 0.5  # different requests, different vectors


def test_trace_vector_weighs_request_and_tool_use_equally(tmp_path):
    cache = EmbeddingCache(tmp_path / CACHE_DIR)
    v = trace_vectors(cache, ["where is my order", "where is my order"], ["calls a (agent x)", "calls b (agent x)"])
    assert v.shape == (2, 2 * DIM)
    np.testing.assert_allclose(np.linalg.norm(v, axis=1), 1, atol=1e-5)
    sim = float(v[0] @ v[1])
    tools = cache.vectors(["calls a (agent x)", "calls b (agent x)"])
    np.testing.assert_allclose(sim, (1 + tools[0] @ tools[1]) / 2, atol=1e-5)


def test_many_shards_are_compacted_into_one(tmp_path, monkeypatch):
    monkeypatch.setattr(embed, "COMPACT_AFTER", 2)
    texts = ["order status", "refund", "weather"]
    first = [EmbeddingCache(tmp_path / CACHE_DIR).vectors([t])[0] for t in texts]  # one shard per run
    assert len(list((tmp_path / CACHE_DIR).glob("part-*.parquet"))) == 3
    cache = EmbeddingCache(tmp_path / CACHE_DIR)
    again = cache.vectors(texts)
    assert cache.embedded == 0 and len(list((tmp_path / CACHE_DIR).glob("part-*.parquet"))) == 1
    np.testing.assert_array_equal(again, np.stack(first))


def test_the_cache_lives_in_the_lake_unless_configured(tmp_path, monkeypatch):
    monkeypatch.delenv("FLYWHEEL_EMBEDDING_CACHE", raising=False)
    assert cache_location(tmp_path) == str(tmp_path / CACHE_DIR)
    monkeypatch.setenv("FLYWHEEL_EMBEDDING_CACHE", "s3://bucket/flywheel/cache")
    assert cache_location(tmp_path) == "s3://bucket/flywheel/cache"
    assert cache_location(tmp_path, "gs://other/cache") == "gs://other/cache"  # the resource's own setting first


def test_the_cache_on_an_object_store_embeds_each_text_once_and_compacts_and_forgets(s3_bucket, monkeypatch):
    monkeypatch.setattr(embed, "COMPACT_AFTER", 2)
    url = "s3://flywheel-test/flywheel/embedding-cache"
    texts = ["order status", "refund", "weather"]
    first = [EmbeddingCache(url).vectors([t])[0] for t in texts]  # three runs, three shards
    assert len(s3_bucket.glob("flywheel-test/flywheel/embedding-cache/part-*.parquet")) == 3
    cache = EmbeddingCache(url)
    again = cache.vectors(texts)
    assert cache.embedded == 0
    np.testing.assert_array_equal(again, np.stack(first))
    shards = s3_bucket.glob("flywheel-test/flywheel/embedding-cache/*")
    assert len(shards) == 1 and os.path.basename(shards[0]).startswith("part-")  # compacted, no hidden leftovers
    assert EmbeddingCache(url).forget({"refund"}) == 1
    later = EmbeddingCache(url)
    later.vectors(texts)
    assert later.embedded == 1  # only the forgotten text is embedded again
