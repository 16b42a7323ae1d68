from nlp.tokenizer import subword_ids, tokenize


def test_offsets_point_into_the_original_text():
    text = "Ｈｉ!! I’m lost 😩 — ﬁne-tuning LSTMs at 0.5 lr, 3x3 kernels: https://example.org/a?b=1."
    tokens = tokenize(text)
    assert all(text[t.start : t.end] == t.text for t in tokens)
    assert [t.text for t in tokens][:4] == ["Ｈｉ", "!", "!", "I’m"]
    norms = [t.norm for t in tokens]
    assert norms[0] == "hi" and norms[3] == "i'm"          # NFKC + casefold for matching
    assert "fine" in norms and "lstms" in norms and "😩" in norms
    assert "0.5" in norms and "3x3" in norms
    assert "https://example.org/a?b=1" in norms          # the URL stays whole, its final period does not


def test_ordinals_and_words_with_digits_stay_whole():
    texts = [t.text for t in tokenize("the 2nd day, word2vec, 86%")]
    assert texts == ["the", "2nd", "day", ",", "word2vec", ",", "86%"]


def test_typos_share_most_subword_features():
    right, typo, other = set(subword_ids("overfitting")), set(subword_ids("overfiting")), set(subword_ids("keras"))
    assert len(right & typo) / len(right | typo) > 0.4
    assert not right & other
