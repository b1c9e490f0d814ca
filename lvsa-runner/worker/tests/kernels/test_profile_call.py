"""``python -m bench.profile_call`` on CPU: the script that splits one call's GPU time by kernel, smoke-tested.

On CPU its times are operator times and mean nothing; the test guards what the GPU run uses: the patterns chosen
from a golden plan, one block per (pattern, kernel) with the event time, the kernel sum and the gap between them."""

import re
import subprocess
import sys
from pathlib import Path

from test_fbs_bench import tiny_copy_of_golden_plan

WORKER = Path(__file__).resolve().parents[2]


def run_profile(*args):
    return subprocess.run([sys.executable, "-m", "bench.profile_call", *args], cwd=WORKER, capture_output=True,
                          text=True, timeout=300)


def test_profiles_the_chosen_patterns_kernel_by_kernel(tmp_path):
    tiny_copy_of_golden_plan(tmp_path, "wan2.1-t2v-1.3b_lvsa_321f.json", 8)
    result = run_profile("--device", "cpu", "--shape", "4x", "--patterns", "0,3", "--kernels", "split-lse,dense-cudnn",
                         "--plan-dir", str(tmp_path), "--tokens-per-frame", "8", "--heads", "2", "--head-dim", "16",
                         "--calls", "2", "--top", "3")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    heads = re.findall(r"^== (\S+) (\S+): ([\d.]+) ms per call \(events\), kernels ([\d.]+) ms, between kernels "
                       r"([+-][\d.]+) ms", result.stdout, re.M)
    assert [(h[0], h[1]) for h in heads] == [("4x@p0", "split-lse"), ("4x@p0", "dense-cudnn"),
                                           ("4x@p3", "split-lse"), ("4x@p3", "dense-cudnn")]
    for _, _, event, kernels, gap in heads:
        assert float(kernels) > 0
        assert abs(float(event) - float(kernels) - float(gap)) < 0.02
    assert "scaled_dot_product" in result.stdout  # the attention operator is listed under its own name


def test_refuses_a_pattern_the_plan_does_not_have(tmp_path):
    tiny_copy_of_golden_plan(tmp_path, "wan2.1-t2v-1.3b_lvsa_321f.json", 8)
    result = run_profile("--device", "cpu", "--shape", "4x", "--patterns", "99", "--kernels", "split-lse",
                         "--plan-dir", str(tmp_path), "--tokens-per-frame", "8")
    assert result.returncode != 0
    assert "--patterns 99: give indices 0..5 or 'all'" in result.stderr
