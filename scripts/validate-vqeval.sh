#!/usr/bin/env bash
# VQeval against labelled videos, the way a user checks it on their own set (bin/vqeval validate):
#  1. the real published generations in ../shared/datasets/real (late replays, freezes, clean outputs), as published
#     and remade at 30 fps, cropped to 4:3, republished (brighter, a logo, letterbox bars, a heavier encode) and with
#     contrast x1.35 (freeze levels are grey levels) and cropped to portrait 9:16;
#  2. replays, slow-motion and still freezes spliced into the real set's clean clips (scripts/real_set_failures.py);
#  3. the labelled synthetic set (seed 2026, 64 clips: 4 of each kind, the real failure shapes included);
#  and, where VQEVAL_RIFLEX_PAGE / VQEVAL_ULTRAVICO_PAGE / VQEVAL_FIFO_PAGE / VQEVAL_DEEPFORCING_PAGE name clones of
#  those project pages' repositories, 15, 9, 24 and 11 of their videos (scripts/page_sets.py).
# Fails when a goal is missed. Results: target/vqeval-validation/{real,real-fps30,real-crop43,real-republish,real-contrast135,real-portrait,real-failures,synthetic}/validation.{json,csv,txt}.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
REAL="${VQEVAL_REAL_SET:-$ROOT/../shared/datasets/real}"
OUT="$ROOT/target/vqeval-validation"
[ -f "$REAL/labels.csv" ] || die "no labelled real set at $REAL (set VQEVAL_REAL_SET to its folder)"
rm -rf "$OUT" && mkdir -p "$OUT"

log "VQeval on the real labelled set ($REAL): AUROC >= 0.97, periods within 10%, onsets within 24 frames"
"$ROOT/bin/vqeval" validate "$REAL" --labels "$REAL/labels.csv" --quiet --out "$OUT/real" \
  || die "VQeval misses its goals on the real set (see $OUT/real/validation.txt)"

# the same clips at 30 fps (a 4:5 frame-repeat cadence), cropped to 4:3, republished, at a higher contrast and cropped to portrait, labels
# moved to match: the goals hold
for variant in fps30 crop43 republish contrast135 portrait; do
  log "VQeval on the real set as $variant (scripts/real_set_variants.py): the same goals"
  VQEVAL_REAL_SET="$REAL" "$PY" "$ROOT/scripts/real_set_variants.py" "$variant" "$OUT/real-$variant-clips" \
    || die "could not make the $variant variant of the real set"
  "$ROOT/bin/vqeval" validate "$OUT/real-$variant-clips" --labels "$OUT/real-$variant-clips/labels.csv" --quiet \
      --out "$OUT/real-$variant" \
    || die "VQeval misses its goals on the real set as $variant (see $OUT/real-$variant/validation.txt)"
done

# failures of the real set's kinds spliced into its clean clips (and the clean external ones): real footage with
# labels known by construction (scripts/real_set_failures.py, seed 1)
log "VQeval on real clean footage with spliced replays, slow-motion and still freezes (scripts/real_set_failures.py)"
VQEVAL_REAL_SET="$REAL" "$PY" "$ROOT/scripts/real_set_failures.py" "$OUT/real-failures-clips" 1 \
  || die "could not make the spliced failures of the real set"
"$ROOT/bin/vqeval" validate "$OUT/real-failures-clips" --labels "$OUT/real-failures-clips/labels.csv" --quiet \
    --out "$OUT/real-failures" \
  || die "VQeval misses its goals on the spliced failures (see $OUT/real-failures/validation.txt)"

# the RIFLEx and UltraViCo pages' other videos (docs/results/vqeval-2026-12-06d), the FIFO-Diffusion and Deep Forcing
# pages' comparisons (docs/results/vqeval-2026-12-06e), only where a clone of the page's repository is given
# (VQEVAL_RIFLEX_PAGE, VQEVAL_ULTRAVICO_PAGE, VQEVAL_FIFO_PAGE, VQEVAL_DEEPFORCING_PAGE): their videos are not
# redistributed
for page in riflex ultravico fifo deepforcing; do
  clone_var="VQEVAL_${page^^}_PAGE"
  clone="${!clone_var:-}"
  [ -n "$clone" ] || continue
  log "VQeval on the $page page's videos ($clone): the real set's goals"
  "$PY" "$ROOT/scripts/page_sets.py" "$page" "$clone" "$OUT/$page-page-clips" \
    || die "could not take the $page page's videos out of $clone"
  "$ROOT/bin/vqeval" validate "$OUT/$page-page-clips" --labels "$OUT/$page-page-clips/labels.csv" --quiet \
      --out "$OUT/$page-page" \
    || die "VQeval misses its goals on the $page page set (see $OUT/$page-page/validation.txt)"
done

log "VQeval on the synthetic set (seed 2026): AUROC >= 0.98, periods within 2 frames, onsets within 4"
"$ROOT/bin/lvsa-datasets" synth --out "$OUT/synthetic-clips" --seed 2026 --count 64 --quiet
"$ROOT/bin/vqeval" validate "$OUT/synthetic-clips" --labels "$OUT/synthetic-clips/labels.csv" --quiet \
    --period-tolerance 2 --loop-onset-tolerance 4 --freeze-onset-tolerance 4 --min-auroc 0.98 \
    --out "$OUT/synthetic" \
  || die "VQeval misses its goals on the synthetic set (see $OUT/synthetic/validation.txt)"
log "VQeval validation: all goals met"
