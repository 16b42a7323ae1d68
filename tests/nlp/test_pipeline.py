import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from safetensors.torch import load_file

from nlp import ModelsMissing, Pipeline, TrainingData
from nlp.io import read_json


def test_components_predict_their_training_examples(tiny_pipeline, tiny_data_dir):
    data = TrainingData.load(tiny_data_dir)
    analyses = tiny_pipeline.analyze_batch([e.text for e in data.nlu])
    assert [a.intent.name for a in analyses] == [e.intent for e in data.nlu]
    assert [[(x.text, x.label, x.start, x.end) for x in a.entities] for a in analyses] == [
        [(x.text, x.label, x.start, x.end) for x in e.entities] for e in data.nlu]
    sentiments = tiny_pipeline.analyze_batch([e.text for e in data.sentiment])
    assert [a.sentiment.label for a in sentiments] == [e.label for e in data.sentiment]


def test_analysis_fields_follow_the_spec(tiny_pipeline):
    analysis = tiny_pipeline("I hate this, what is gradient descent?")
    ranking = analysis.intent_ranking
    assert analysis.intent == ranking[0]
    assert {s.name for s in ranking} == set(tiny_pipeline.labels["intents"])
    assert [s.confidence for s in ranking] == sorted((s.confidence for s in ranking), reverse=True)
    assert sum(s.confidence for s in ranking) == pytest.approx(1.0, abs=1e-3)
    assert -1.0 <= analysis.sentiment.score <= 1.0
    assert analysis.sentiment.label in {"positive", "neutral", "negative"}
    assert tiny_pipeline.labels["entities"] == ["CONCEPT", "DAY", "FRAMEWORK"]


@pytest.mark.parametrize("prefix", ["👋🏽🎉 ", "café Ｈｅｌｌｏ — ", "ÉCOLE naïve ", "\u0301\u200d "])
def test_entity_offsets_are_exact_after_unicode(tiny_pipeline, prefix):
    message = f"{prefix}what is gradient descent?"
    entities = tiny_pipeline(message).entities
    assert all(message[e.start : e.end] == e.text for e in entities)
    assert ("gradient descent", "CONCEPT") in [(e.text, e.label) for e in entities]


def test_batch_equals_single_calls_and_handles_empty_text(tiny_pipeline):
    texts = ["hi", "", "quiz me on dropout please, I really want to practice it", "go to day 3"]
    assert tiny_pipeline.analyze_batch(texts, batch_size=3) == [tiny_pipeline(t) for t in texts]
    assert tiny_pipeline("").entities == []


def test_save_load_round_trip_gives_identical_outputs(tiny_pipeline, tiny_models_dir, tmp_path):
    tiny_pipeline.save(tmp_path / "again")
    reloaded = Pipeline.load(tmp_path / "again")
    texts = ["hello there", "how does dropout work in keras 😀", "jump to day two"]
    assert reloaded.analyze_batch(texts) == tiny_pipeline.analyze_batch(texts)
    manifest = read_json(tiny_models_dir / "manifest.json")
    assert manifest["seed"] == 13 and manifest["preset"] == "tiny"
    assert {"tutorbot", "torch", "gensim"} <= set(manifest["versions"])
    assert manifest["labels"]["intents"] == tiny_pipeline.labels["intents"]
    assert len(manifest["data_fingerprint"]) == 64 and "intent" in manifest["metrics"]
    assert not list(tiny_models_dir.rglob("*.pkl")) and not list(tiny_models_dir.rglob("*.pt"))


def test_missing_models_raise_models_missing(tmp_path):
    with pytest.raises(ModelsMissing, match="tutorbot train"):
        Pipeline.load(tmp_path)


def test_same_seed_same_weights_other_seed_other_weights(tiny_data_dir, tmp_path):
    for name, seed in (("a", 5), ("b", 5), ("c", 6)):
        Pipeline.train(tiny_data_dir, only=["intent"], seed=seed, preset="tiny", progress=False).save(tmp_path / name)
    a, b, c = (load_file(str(tmp_path / n / "intent" / "weights.safetensors")) for n in "abc")
    assert all(a[k].equal(b[k]) for k in a)
    assert not all(a[k].equal(c[k]) for k in a)


def test_only_trains_what_is_asked_plus_dependencies_and_keeps_the_base(tiny_data_dir, tiny_pipeline):
    ner_only = Pipeline.train(tiny_data_dir, only=["ner"], preset="tiny", progress=False)
    assert set(ner_only.components) == {"embeddings", "ner"}
    assert ner_only("what is dropout?").intent is None and ner_only("what is dropout?").sentiment is None
    updated = Pipeline.train(tiny_data_dir, only=["sentiment"], preset="tiny", progress=False, base=tiny_pipeline)
    assert updated.components["embeddings"] is tiny_pipeline.components["embeddings"]  # kept: not retrained
    assert updated.components["intent"] is tiny_pipeline.components["intent"]
    assert updated.components["sentiment"] is not tiny_pipeline.components["sentiment"]


def test_missing_data_leaves_the_component_out(tiny_data_dir, tmp_path):
    data_dir = tmp_path / "data"
    shutil.copytree(tiny_data_dir, data_dir)
    shutil.rmtree(data_dir / "sentiment")
    shutil.rmtree(data_dir / "dialogues")
    pipeline = Pipeline.train(data_dir, only=["embeddings", "intent", "sentiment", "ner"], preset="tiny",
                              progress=False)
    analysis = pipeline("what is dropout?")
    assert "sentiment" not in pipeline.components and analysis.sentiment is None
    assert analysis.intent is not None and analysis.entities is not None
    assert pipeline.respond("how are you?") is None


def test_unknown_component_is_a_clear_error(tiny_data_dir):
    from nlp.errors import TutorbotError

    with pytest.raises(TutorbotError, match="unknown component"):
        Pipeline.train(tiny_data_dir, only=["parser"], preset="tiny", progress=False)


def test_metrics_are_held_out_by_default(tiny_data_dir: Path):
    pipeline = Pipeline.train(tiny_data_dir, only=["intent"], preset="tiny", progress=False, heldout=0.3)
    held_out = len(TrainingData.load(tiny_data_dir).split(13, 0.3)[1].nlu)
    assert pipeline.metrics["intent"]["support"] == held_out
    assert 0.0 <= pipeline.metrics["intent"]["accuracy"] <= 1.0


def test_empty_data_directory_is_a_data_error(tmp_path):
    from nlp.errors import DataError

    with pytest.raises(DataError, match="no training data"):
        Pipeline.train(tmp_path, preset="tiny", progress=False)


def test_retraining_embeddings_on_a_base_retrains_what_uses_them(tiny_data_dir, tiny_pipeline, tmp_path):
    updated = Pipeline.train(tiny_data_dir, only=["embeddings"], preset="tiny", progress=False, base=tiny_pipeline,
                             seed=21)
    for name in ("embeddings", "intent", "sentiment", "ner"):
        assert updated.components[name] is not tiny_pipeline.components[name]
    updated.save(tmp_path)
    assert Pipeline.load(tmp_path)("go to day 3").intent is not None


def test_models_saved_by_another_version_give_a_clear_error(tiny_models_dir, tmp_path):
    import shutil

    from nlp import Pipeline
    from nlp.errors import IncompatibleModels

    broken = tmp_path / "models"
    shutil.copytree(tiny_models_dir, broken)
    for config in broken.glob("intent/*.json"):
        config.write_text("{}")
    with pytest.raises(IncompatibleModels, match="retrain"):
        Pipeline.load(broken)


def test_the_responder_trained_apart_is_the_one_trained_in_process(tiny_data_dir, tiny_pipeline):
    # tiny_pipeline trained every component, so its responder trained in a child process beside the others
    alone = Pipeline.train(tiny_data_dir, only=["responder"], preset="tiny", progress=False, heldout=0.0)
    apart, here = tiny_pipeline.components["responder"], alone.components["responder"]
    assert apart.model.state_dict().keys() == here.model.state_dict().keys()
    assert all(apart.model.state_dict()[k].equal(here.model.state_dict()[k]) for k in here.model.state_dict())
    assert apart.metrics == here.metrics
    assert apart.respond("how are you?") == here.respond("how are you?")   # the seq2seq itself (the persona answers first)


def test_only_long_independent_training_goes_apart_and_only_with_a_second_core(tiny_data_dir, monkeypatch):
    from nlp.apart import trains_apart
    from nlp.pipeline import COMPONENTS, component_class

    data = TrainingData.load(tiny_data_dir)
    assert [name for name in COMPONENTS if trains_apart(component_class(name), data, 5)] == ["responder"]
    assert not trains_apart(component_class("responder"), data, 1)  # nothing to overlap with
    monkeypatch.setattr("os.cpu_count", lambda: 1)
    assert not trains_apart(component_class("responder"), data, 5)


# ------------------------------------------------------------------ damaged or tampered models (D2)

def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _edit_json(path: Path, change) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data))


def _bigger_vocabulary(models: Path) -> None:
    """Embeddings from another training: whole and consistent, but 20 words more than the networks index."""
    from nlp.embeddings import Embeddings

    embeddings = Embeddings.load(models / "embeddings", shared={})
    extra = [f"zz{i}" for i in range(20)]
    vectors = np.vstack([embeddings.vectors, np.ones((20, embeddings.dim), dtype=np.float32)])
    Embeddings(embeddings.words + extra, vectors).save(models / "embeddings")


DAMAGES = {
    "truncated weights": ("intent/weights.safetensors", lambda m: _truncate(m / "intent/weights.safetensors")),
    "truncated responder": ("responder/model.safetensors", lambda m: _truncate(m / "responder/model.safetensors")),
    "cut-off header": ("ner/weights.safetensors", lambda m: (m / "ner/weights.safetensors").write_bytes(b"\x10")),
    "malformed manifest": ("manifest.json", lambda m: (m / "manifest.json").write_text("{not json")),
    "manifest without order": ("manifest.json", lambda m: (m / "manifest.json").write_text("[1, 2]")),
    "manifest labels changed": ("manifest.json", lambda m: _edit_json(
        m / "manifest.json", lambda d: d["labels"].update(intents=["greet"]))),
    "labels dropped": ("intent/config.json", lambda m: _edit_json(
        m / "intent/config.json", lambda d: d.update(labels=d["labels"][:3]))),
    "other vocabulary": ("intent/config.json", _bigger_vocabulary),
    "malformed config": ("ner/config.json", lambda m: (m / "ner/config.json").write_text("{")),
}


@pytest.mark.parametrize("damage", DAMAGES)
def test_damaged_models_fail_at_load_naming_the_file(damage: str, tiny_models_dir: Path, tmp_path: Path) -> None:
    from nlp import Pipeline
    from nlp.errors import TutorbotError

    broken = tmp_path / "models"
    shutil.copytree(tiny_models_dir, broken)
    named, spoil = DAMAGES[damage]
    spoil(broken)
    with pytest.raises(TutorbotError) as raised:
        Pipeline.load(broken)
    assert str(broken / named) in str(raised.value) and "retrain" in str(raised.value)
    assert "\n" not in str(raised.value)


def test_a_missing_directory_says_so(tmp_path: Path) -> None:
    from nlp import ModelsMissing, Pipeline

    with pytest.raises(ModelsMissing, match="the directory does not exist"):
        Pipeline.load(tmp_path / "modles")


def test_respond_passes_refused_replies_over_and_can_leave_out_the_fallback_line(tiny_pipeline):
    everything = lambda reply: True   # noqa: E731
    assert tiny_pipeline.respond("how are you?", refuse=everything)          # the persona fallback line
    assert tiny_pipeline.respond("how are you?", refuse=everything, fallback=False) is None
