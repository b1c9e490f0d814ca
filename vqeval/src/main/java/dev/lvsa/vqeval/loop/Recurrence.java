package dev.lvsa.vqeval.loop;

/** A recurrence plot: distances between the frames a matrix covers, read by {@link ReplayFinder}. */
interface Recurrence {

  /** Frames the matrix covers. */
  int size();

  /** Distance between matrix indices {@code i} and {@code j} (symmetric, 0 on the diagonal). */
  double distance(int i, int j);

  /** The analysed frame behind matrix index {@code k}. */
  int frame(int k);
}
