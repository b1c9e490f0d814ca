package dev.lvsa.vqeval.loop;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds palindromic motion: around a turn point c, frame c-o looks like frame c+o. For each centre the
 * mirrored distances (across the anti-diagonal) are compared with straight distances over the same
 * time separation next to the centre (the smaller of the two sides); a frozen stretch has both near zero
 * and so scores nothing.
 */
public final class PingPongDetector {

  /** Outcome; turn points in analysed frames. */
  public record PingPong(double strength, List<Integer> turns) {
  }

  private final LoopParameters params;

  public PingPongDetector(LoopParameters params) {
    this.params = params;
  }

  public PingPong detect(DistanceMatrix m, double floor) {
    int n = m.size();
    int minOffset = 2;
    double[] strength = new double[n];
    double best = 0;
    for (int c = 1; c < n - 1; c++) {
      // both straight references (c-2o..c and c..c+2o) must exist, so the window is half the room left
      int w = Math.min(params.pingPongMaxHalfWindow(), Math.min(c, n - 1 - c) / 2);
      if (w < minOffset + 2) {
        continue;
      }
      double mirrored = 0;
      double straight = 0;
      int count = 0;
      for (int o = minOffset; o <= w; o++) {
        mirrored += m.distance(c - o, c + o);
        // the smaller of the two sides, so that a cut on one side cannot fake a mirror
        straight += Math.min(m.distance(c, c + 2 * o), m.distance(c - 2 * o, c));
        count++;
      }
      mirrored /= count;
      straight /= count;
      double st = (straight - mirrored) / (straight + floor);
      strength[c] = Math.max(0, st);
      best = Math.max(best, strength[c]);
    }
    List<Integer> turns = new ArrayList<>();
    for (int c = 1; c < n - 1; c++) {
      if (strength[c] >= params.pingPongMinStrength() && strength[c] >= strength[c - 1]
          && strength[c] > strength[c + 1]) {
        if (!turns.isEmpty() && c - turns.get(turns.size() - 1) < 2 * minOffset + 2) {
          int last = turns.get(turns.size() - 1);
          if (strength[c] > strength[last]) {
            turns.set(turns.size() - 1, c);
          }
          continue;
        }
        turns.add(c);
      }
    }
    return new PingPong(best, turns);
  }
}
