"""Words rare in English (nlp.rare_words): technical names the course does not teach are rare; inflections and
typos of common words, abbreviations and common words of other languages are not."""
from __future__ import annotations

import pytest

from nlp.rare_words import rare_word


@pytest.mark.parametrize("word", ["LoRA", "SageMaker", "kubernetes", "ELBO", "eigenvalues", "FSDP", "xgboost"])
def test_names_english_seldom_uses_are_rare(word: str) -> None:
    assert rare_word(word)


@pytest.mark.parametrize("word", ["pizza", "concretely", "forecastable", "wich", "seperate", "funktioniert", "wrt",
                                  "fp16", "2024", "the"])
def test_common_words_their_forms_typos_and_other_languages_are_not(word: str) -> None:
    assert not rare_word(word)


@pytest.mark.parametrize("word", ["yhat", "y_hat", "xbar", "dLdw1"])
def test_a_maths_symbol_written_out_is_notation_not_a_rare_term(word: str) -> None:
    # "chain rule thru 2 layers w my own numbers: ... yhat=w2*a ..." had got "This seminar doesn't teach 'yhat'"
    assert not rare_word(word)
