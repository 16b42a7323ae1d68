import numpy as np

from nlp.embeddings import Embeddings


def test_queries_on_the_trained_vectors(tiny_pipeline):
    embeddings = tiny_pipeline.embeddings
    assert "Dropout" in embeddings and "zyzzyva" not in embeddings
    assert embeddings.vector("DROPOUT").shape == (embeddings.dim,)
    neighbours = embeddings.most_similar("dropout", 5)
    assert len(neighbours) == 5 and "dropout" not in [w for w, _ in neighbours]
    assert [s for _, s in neighbours] == sorted((s for _, s in neighbours), reverse=True)
    assert abs(embeddings.similarity("keras", "Keras") - 1.0) < 1e-5
    assert embeddings.similarity("keras", "zyzzyva") is None
    assert embeddings.analogy(["keras", "lstm"], ["dropout"], 3) and embeddings.analogy(["zyzzyva"], [], 3) == []


def test_analogy_is_3cosadd():
    words = ["king", "man", "woman", "queen", "apple"]
    vectors = np.array([[1, 1, 0], [1, 0, 0], [0, 0, 1], [0, 1, 1], [-1, -1, -1]], dtype=np.float32)
    best = Embeddings(words, vectors).analogy(["king", "woman"], ["man"], 1)
    assert best[0][0] == "queen"


def test_save_load_keeps_vectors(tiny_pipeline, tmp_path):
    tiny_pipeline.embeddings.save(tmp_path)
    again = Embeddings.load(tmp_path, shared={})
    assert again.words == tiny_pipeline.embeddings.words
    assert np.array_equal(again.vectors, tiny_pipeline.embeddings.vectors)


def test_queries_give_what_gensims_keyed_vectors_give(tiny_pipeline):
    """Served with numpy from the saved arrays (gensim is for training only), the same words in the
    same order and the same scores as gensim's KeyedVectors on the same vectors."""
    from gensim.models import KeyedVectors

    embeddings = tiny_pipeline.embeddings
    keyed = KeyedVectors(embeddings.dim)
    keyed.add_vectors(embeddings.words, embeddings.vectors)
    known = [w for w in embeddings.words if w.isalpha()][:40]
    for positive, negative in [([w], []) for w in known[:20]] + [([a, b], [c]) for a, b, c in zip(known, known[5:], known[9:])]:
        ours = embeddings.analogy(positive, negative, 7)
        theirs = keyed.most_similar(positive=positive, negative=negative, topn=7)
        assert [w for w, _ in ours] == [w for w, _ in theirs]
        assert np.allclose([s for _, s in ours], [s for _, s in theirs], atol=1e-5)
    for a, b in zip(known, reversed(known)):
        assert abs(embeddings.similarity(a, b) - float(keyed.similarity(a, b))) < 1e-5
