package dev.lvsa.vqeval.decode;

/** Receives decoded frames in order, on the analysing thread. */
public interface FrameSink {

    /** Called once before the first frame with the container's facts and the analysis size. */
    void begin(StreamFacts facts, int analysisWidth, int analysisHeight);

    /** Called for each analysed frame in order; the sink owns (and closes) the frame. */
    void accept(DecodedFrame frame);
}
