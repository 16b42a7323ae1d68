"""The text classifier's two experts (BiLSTM and wide n-gram term) and how their settings are kept."""
from __future__ import annotations

import dataclasses
import json

import pytest
import torch

from nlp.classifier import INTENT_PRESETS, SENTIMENT_PRESETS, ClassifierComponent, TextClassifier
from nlp.features import Featurizer, TrainConfig, Vocabulary

TEXTS = ["what is gradient descent?", "hi", "", "explain LSTMs to me like i'm five please 🙏"]


def _network(class_prior: list[float] | None = None, **config: object) -> TextClassifier:
    torch.manual_seed(0)
    model = TextClassifier(vocab_size=8, word_dim=8, num_classes=3, config=TrainConfig(epochs=1, **config),
                           class_prior=class_prior)
    for table in (model.wide, model.wide_chars):  # zero-initialised: give them something to say
        if table is not None:
            torch.nn.init.normal_(table.weight)
    return model.eval()


def _featurizer() -> Featurizer:
    return Featurizer(Vocabulary.of(["what", "is", "hi"]))


@pytest.mark.parametrize("wide_chars", [False, True])
def test_a_message_scores_the_same_alone_and_in_a_padded_batch(wide_chars: bool) -> None:
    model, featurizer = _network(wide_chars=wide_chars, separate_experts=True), _featurizer()
    with torch.inference_mode():
        together = model(featurizer.encode(TEXTS))
        alone = torch.cat([model(featurizer.encode([text])) for text in TEXTS])
    torch.testing.assert_close(together, alone)


def test_char_ngrams_in_the_wide_term_tell_apart_words_unknown_to_the_vocabulary() -> None:
    featurizer = _featurizer()
    batch = featurizer.encode(["overfiting", "underfitting"])  # both unknown words, different spellings
    with torch.inference_mode():
        _, words_only = _network().experts(batch)
        _, with_chars = _network(wide_chars=True).experts(batch)
    assert not torch.allclose(with_chars[0] - words_only[0], with_chars[1] - words_only[1])


def test_separate_experts_predict_with_their_product_and_learn_each_on_its_own_loss() -> None:
    model, batch = _network(separate_experts=True), _featurizer().encode(TEXTS)
    targets = torch.tensor([0, 1, 2, 0])
    deep, wide = model.experts(batch)
    torch.testing.assert_close(model(batch), torch.log_softmax(deep, -1) + torch.log_softmax(wide, -1))
    expected = torch.nn.functional.cross_entropy(deep, targets) + torch.nn.functional.cross_entropy(wide, targets)
    torch.testing.assert_close(model.loss(batch, targets), expected)


def test_the_product_of_experts_counts_the_class_prior_once_not_twice() -> None:
    """Each expert's posterior holds p(y): their product is divided by it once (a frequent class no longer
    wins twice), which can turn a prediction from the frequent class to a rare one."""
    batch = _featurizer().encode(TEXTS)
    skewed = _network(class_prior=[90, 9, 1], separate_experts=True, divide_prior=True)
    deep, wide = skewed.experts(batch)
    product = torch.log_softmax(deep, -1) + torch.log_softmax(wide, -1)
    torch.testing.assert_close(skewed(batch), product - torch.tensor([0.9, 0.09, 0.01]).log() - torch.tensor(3.0).log())
    balanced = _network(class_prior=[5, 5, 5], separate_experts=True, divide_prior=True)
    torch.testing.assert_close(balanced(batch), product)
    not_asked = _network(class_prior=[90, 9, 1], separate_experts=True)  # divide_prior off: the plain product
    torch.testing.assert_close(not_asked(batch), product)


def test_training_keeps_the_class_prior_with_the_model(tiny_models_dir) -> None:
    """The prior is counted from the training labels and saved in config.json; without it (a model saved
    before it existed) the prior is uniform, i.e. the plain product of experts."""
    settings = json.loads((tiny_models_dir / "intent" / "config.json").read_text())["settings"]
    assert len(settings["class_prior"]) == settings["num_classes"] and min(settings["class_prior"]) >= 1
    older = ClassifierComponent._network({k: v for k, v in settings.items() if k != "class_prior"})
    assert not older.log_prior.any()


def test_joint_experts_add_their_logits() -> None:
    model, batch = _network(), _featurizer().encode(TEXTS)
    deep, wide = model.experts(batch)
    torch.testing.assert_close(model(batch), deep + wide)


def test_a_model_saved_before_the_expert_settings_existed_loads_as_it_was_trained(tiny_models_dir, tmp_path) -> None:
    """config.json of an older model has no separate_experts / wide_chars: it must load as a joint model."""
    settings = json.loads((tiny_models_dir / "intent" / "config.json").read_text())["settings"]
    old = {k: v for k, v in settings["config"].items()
           if k not in {"separate_experts", "wide_chars", "wide_lr_multiplier"}}
    network = ClassifierComponent._network({**settings, "config": old})
    assert not network.separate_experts and network.wide_chars is None


def test_the_shipped_presets_train_the_experts_apart() -> None:
    for preset in ("default", "long"):
        assert INTENT_PRESETS[preset].separate_experts and SENTIMENT_PRESETS[preset].separate_experts
        assert INTENT_PRESETS[preset].wide_chars and not SENTIMENT_PRESETS[preset].wide_chars
        assert INTENT_PRESETS[preset].divide_prior and not SENTIMENT_PRESETS[preset].divide_prior
    assert dataclasses.asdict(INTENT_PRESETS["tiny"]) != dataclasses.asdict(SENTIMENT_PRESETS["tiny"])


def test_sentiment_scores_are_temperature_scaled_on_held_out_sentences(tiny_pipeline, tiny_data_dir) -> None:
    from nlp.classifier import fit_temperature
    from nlp.data import TrainingData

    sentiment = tiny_pipeline.components["sentiment"]
    heldout = [(e.text, e.label) for e in TrainingData.load(tiny_data_dir).sentiment]
    temperature, metrics = fit_temperature(sentiment, heldout)
    assert temperature > 0 and metrics["nll_after"] <= metrics["nll_before"]
    batch = sentiment.featurizer.encode(["I love this course!"])
    before = dict(sentiment.settings)
    sentiment.settings["temperature"] = 1.0
    sure = sentiment.probabilities(batch).max().item()
    sentiment.settings["temperature"] = 4.0
    try:
        assert sentiment.probabilities(batch).max().item() < sure      # the same label, said less surely
    finally:
        sentiment.settings.clear()
        sentiment.settings.update(before)
