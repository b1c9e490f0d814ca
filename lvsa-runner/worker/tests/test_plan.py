"""Plans: the schema and the semantic rules of contracts/README.md, each broken rule named in one line."""

import copy
import json

import plan_docs
import pytest
from golden_files import golden_params

from lvsa_worker.contracts import ENV_VAR, contracts_dir
from lvsa_worker.errors import ContractsNotFound, PlanError
from lvsa_worker.plan import load_plan, parse_plan, token_density


def test_a_dense_plan_attends_everything_at_every_step():
    plan = parse_plan(plan_docs.dense(steps=3))
    assert plan.mask_kind == "dense"
    assert [plan.mask_for_step(s).frame_density for s in range(3)] == [1.0, 1.0, 1.0]
    assert plan.geometry.latent_frames == 17 and plan.geometry.tokens_per_frame == 24


def test_step_patterns_pick_each_steps_rows():
    doc = plan_docs.rotating_bands(steps=4)
    plan = parse_plan(doc)
    assert [plan.mask_for_step(s).key for s in range(4)] == ["pattern-0", "pattern-1", "pattern-2", "pattern-0"]
    # Row 8 of pattern 1: band 6..10 plus anchors 0, 5, 13.
    assert plan.mask_for_step(1).attended_frames(8) == [0, 5, 6, 7, 8, 9, 10, 13]
    assert plan.mean_frame_density() == pytest.approx(doc["expected"]["mean_frame_density"])


def test_the_frame_matrix_matches_the_rows():
    plan = parse_plan(plan_docs.frame_blocks("tiny-wan", 9, 1, [[[[0, 0], [2, 2]], [[1, 1]], [[0, 2]]]], [0]))
    assert plan.mask_for_step(0).as_matrix().tolist() == [
        [True, False, True], [False, True, False], [True, True, True]]
    assert plan.mask_for_step(0).row_lengths() == [2, 1, 3]


def test_token_density_counts_text_rows_and_columns_as_attended():
    plan = parse_plan(plan_docs.dense("tiny-hv15", frames=9, steps=1))
    assert token_density(plan.mask_for_step(0), plan.geometry) == 1.0
    sparse = parse_plan(plan_docs.frame_blocks("tiny-hv15", 9, 1, [[[[0, 0]], [[1, 1]], [[2, 2]]]], [0]))
    g = sparse.geometry  # 3 frames x 24 tokens + 16 text
    s = g.sequence_tokens
    expected = (3 * 24 * 24 + 2 * s * 16 - 16 * 16) / (s * s)
    assert token_density(sparse.mask_for_step(0), g) == pytest.approx(expected)


def _broken(mutate):
    doc = plan_docs.rotating_bands(steps=4)
    mutate(doc)
    return doc


BROKEN_PLANS = [
    ("schema: unknown field", lambda d: d.update(colour="red"), "schema violation"),
    ("schema: wrong version", lambda d: d.update(schema_version=2), "schema_version"),
    ("schema: on_unavailable must be fail", lambda d: d["backend"].update(on_unavailable="fallback"), "on_unavailable"),
    ("latent frames formula", lambda d: d["geometry"].update(latent_frames=16), "latent_frames is 16"),
    ("video frames not 4k+1", lambda d: d["geometry"].update(video_frames=64), "not a multiple"),
    ("frame grid", lambda d: d["geometry"].update(frame_grid=[6, 4]), "frame_grid"),
    ("tokens per frame", lambda d: d["geometry"].update(tokens_per_frame=25), "tokens_per_frame"),
    ("rows count", lambda d: d["mask"]["patterns"][0]["rows"].pop(), "has 16 entries but latent_frames is 17"),
    ("interval past the end", lambda d: d["mask"]["patterns"][0]["rows"][0].append([17, 17]), "outside key frames"),
    ("interval reversed", lambda d: d["mask"]["patterns"][0]["rows"].__setitem__(0, [[3, 1]]), "first is after last"),
    ("intervals unsorted", lambda d: d["mask"]["patterns"][0]["rows"].__setitem__(0, [[5, 6], [1, 2]]), "sorted"),
    ("intervals adjacent", lambda d: d["mask"]["patterns"][0]["rows"].__setitem__(0, [[0, 2], [3, 5]]), "adjacent"),
    ("step_patterns length", lambda d: d["mask"]["step_patterns"].pop(), "step_patterns has 3 entries"),
    ("step_patterns index", lambda d: d["mask"]["step_patterns"].__setitem__(0, 7), "only 3 patterns"),
    ("expected density disagrees", lambda d: d["expected"].update(mean_frame_density=0.9), "mean_frame_density"),
    ("per-step density disagrees", lambda d: d["expected"]["frame_density_per_step"].__setitem__(1, 1.0),
     "frame_density_per_step[1]"),
    ("beta without period", lambda d: d.update(score_transform={
        "kind": "ultravico", "alpha": 0.9, "distance_tokens": 10, "first_frame_key_limit_tokens": 20,
        "beta": 0.6}), "beta"),
]


@pytest.mark.parametrize("case, mutate, fragment", BROKEN_PLANS, ids=[c[0] for c in BROKEN_PLANS])
def test_a_broken_plan_is_refused_with_one_clear_line(case, mutate, fragment):
    with pytest.raises(PlanError) as info:
        parse_plan(_broken(mutate), "broken.json")
    message = str(info.value)
    assert message.startswith("plan broken.json: ")
    assert fragment in message
    assert "\n" not in message


def test_load_plan_names_the_file_when_it_is_missing_or_not_json(tmp_path):
    with pytest.raises(PlanError, match="nope.json: file not found"):
        load_plan(tmp_path / "nope.json")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    with pytest.raises(PlanError, match="bad.json: not valid JSON"):
        load_plan(bad)


def test_load_plan_reads_a_file(tmp_path):
    path = tmp_path / "p.json"
    path.write_text(json.dumps(plan_docs.dense()))
    assert load_plan(path).source == str(path)


def test_the_contracts_folder_can_be_overridden_and_a_wrong_override_is_named(monkeypatch, tmp_path):
    real = contracts_dir()
    monkeypatch.setenv(ENV_VAR, str(real))
    assert contracts_dir() == real
    monkeypatch.setenv(ENV_VAR, str(tmp_path))
    with pytest.raises(ContractsNotFound, match=ENV_VAR):
        contracts_dir()


@pytest.mark.parametrize("path", golden_params())
def test_every_golden_plan_is_valid_and_its_figures_match_its_masks(path):
    plan = load_plan(path)  # schema + rules + expected densities (checked inside)
    assert plan.steps == len(plan.step_patterns)
    assert 0.0 < plan.mean_frame_density() <= 1.0
    if "mean_frame_density" in plan.expected:
        assert plan.mean_frame_density() == pytest.approx(plan.expected["mean_frame_density"], abs=1e-6)


def test_parse_plan_does_not_modify_the_document():
    doc = plan_docs.rotating_bands()
    before = copy.deepcopy(doc)
    parse_plan(doc)
    assert doc == before
