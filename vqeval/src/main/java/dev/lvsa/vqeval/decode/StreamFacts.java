package dev.lvsa.vqeval.decode;

/**
 * What the container says before decoding.
 *
 * @param width frame width in pixels
 * @param height frame height in pixels
 * @param fps frame rate (0 when unknown)
 * @param declaredFrames frame count the container declares (0 when unknown; may be an estimate)
 * @param codec video codec name
 * @param format container format name
 */
public record StreamFacts(int width, int height, double fps, int declaredFrames, String codec, String format) {}
