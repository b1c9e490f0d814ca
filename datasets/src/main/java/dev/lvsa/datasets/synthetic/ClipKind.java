package dev.lvsa.datasets.synthetic;

import java.util.Locale;

/** The kinds of synthetic clip, and which validation class each belongs to. */
public enum ClipKind {
    /** Several objects moving on non-repeating paths over a slowly panning textured background. */
    OBJECTS(Category.CLEAN),
    /** A camera pan across a large texture, with a few objects. */
    PAN(Category.CLEAN),
    /** Slow camera drift, slow objects and a slow brightness change. */
    DRIFT(Category.CLEAN),
    /** A clean scene played at 0.12-0.3x speed. */
    SLOWMO(Category.CLEAN),
    /** Two or three clean scenes joined by hard cuts. */
    CUTS(Category.CLEAN),
    /** Exact loop: a periodic scene, or the first p frames of a clean scene repeated. */
    LOOP_EXACT(Category.LOOP),
    /** New content first, then the last p frames repeat (the long-video failure). */
    LOOP_LATE(Category.LOOP),
    /** A periodic scene with a slow camera drift, brightness drift and one object drifting. */
    LOOP_DRIFT(Category.LOOP),
    /** A periodic scene with fresh sensor noise in every frame, encoded twice (low quality first). */
    LOOP_NOISE(Category.LOOP),
    /** Motion played forwards then backwards, repeatedly. */
    PINGPONG(Category.LOOP),
    /** Clean motion that stops dead at frame k (sometimes with sensor noise continuing). */
    FREEZE(Category.FREEZE),
    /** Clean motion with some frames duplicated (1-2 extra copies). */
    STUTTER(Category.STUTTER),
    /** New content for most of the clip, then one replay of the opening in its last 15-30% (a 2x failure). */
    LOOP_SINGLE(Category.LOOP),
    /** A single late replay drawn under a red border and slightly darker, as the published comparison pages show it. */
    LOOP_OVERLAY(Category.LOOP),
    /** Motion that stops at frame k while 8% of the picture keeps wobbling around the still (shimmer). */
    FREEZE_SHIMMER(Category.FREEZE),
    /** Clean motion at 16 fps published at 24 fps: every third frame repeats the one before (a cadence). */
    CADENCE(Category.CLEAN);

    /** Validation classes. */
    public enum Category {
        CLEAN,
        LOOP,
        FREEZE,
        STUTTER
    }

    private final Category category;

    ClipKind(Category category) {
        this.category = category;
    }

    public Category category() {
        return category;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ClipKind parse(String s) {
        return valueOf(s.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
