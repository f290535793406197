package org.lectern.assessment;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Classical item analysis. Difficulty is the mean credit on the item (the share of students who got
 * it right, for right-or-wrong items). Discrimination is the point-biserial correlation: Pearson's
 * r between the item's credit and the attempt's total score (Crocker and Algina, Introduction to
 * Classical and Modern Test Theory, 1986, ch. 14). Undefined (null) with fewer than two students or
 * when either has no spread.
 */
final class ItemAnalysis {

  private ItemAnalysis() {}

  /** The mean of the credits, to four decimals; null for none. */
  static BigDecimal difficulty(double[] credits) {
    if (credits.length == 0) {
      return null;
    }
    double sum = 0;
    for (double c : credits) {
      sum += c;
    }
    return BigDecimal.valueOf(sum / credits.length).setScale(4, RoundingMode.HALF_UP);
  }

  /** Pearson's r of item credits and total scores, to four decimals; null when undefined. */
  static BigDecimal discrimination(double[] credits, double[] totals) {
    int n = credits.length;
    if (n < 2 || totals.length != n) {
      return null;
    }
    double mx = 0;
    double my = 0;
    for (int i = 0; i < n; i++) {
      mx += credits[i];
      my += totals[i];
    }
    mx /= n;
    my /= n;
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < n; i++) {
      double dx = credits[i] - mx;
      double dy = totals[i] - my;
      sxy += dx * dy;
      sxx += dx * dx;
      syy += dy * dy;
    }
    if (sxx == 0 || syy == 0) {
      return null;
    }
    return BigDecimal.valueOf(sxy / Math.sqrt(sxx * syy)).setScale(4, RoundingMode.HALF_UP);
  }
}
