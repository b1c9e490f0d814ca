package dev.lvsa.datasets.synthetic;

import java.util.List;

/**
 * Ground truth of one synthetic clip.
 *
 * @param file mp4 file name (in the set's folder)
 * @param kind what was generated
 * @param looped whether the clip repeats (loops and ping-pong)
 * @param periodFrames repeat period in frames (ping-pong: a full forth-and-back), or null
 * @param firstRepeatFrame first frame that equals an earlier one, for loops that have one, or null
 * @param pingPong whether the motion reverses
 * @param freezeOnsetFrame first frame of the frozen tail (frames from here on equal this one), or null
 * @param stutter whether some frames are duplicated
 * @param duplicatedFrames how many frames are copies of their predecessor (stutter)
 * @param cutFrames first frame of each new shot
 * @param frames frame count
 * @param width frame width
 * @param height frame height
 * @param fps frame rate
 * @param noiseSigma sensor noise standard deviation (grey levels)
 * @param reencoded whether the clip went through a low-quality encode first
 * @param seed the clip's seed
 */
public record ClipLabel(
        String file,
        ClipKind kind,
        boolean looped,
        Integer periodFrames,
        Integer firstRepeatFrame,
        boolean pingPong,
        Integer freezeOnsetFrame,
        boolean stutter,
        int duplicatedFrames,
        List<Integer> cutFrames,
        int frames,
        int width,
        int height,
        int fps,
        double noiseSigma,
        boolean reencoded,
        long seed) {

    public ClipKind.Category category() {
        return kind.category();
    }
}
