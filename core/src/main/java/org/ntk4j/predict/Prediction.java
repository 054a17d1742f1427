package org.ntk4j.predict;

/**
 * Test-set predictions of an infinite ensemble: the mean and the marginal variance at each test input (in the
 * order of the test inputs), and the diagnostics of the training Gram matrix that produced them.
 *
 * @param mean                 E f_τ(x*) for each test input
 * @param variance             Var f_τ(x*) for each test input, ≥ 0: values that came out below 0 through rounding
 *                             (cancellation in Σ(x*, x*) − …, e.g. at a training input) are reported as 0
 * @param diagnostics          spectrum of the training Gram matrix K + R·I
 * @param roundedUpVariances   how many variances came out negative and were set to 0
 * @param mostNegativeVariance the most negative variance before it was set to 0 (0 when none)
 */
public record Prediction(double[] mean, double[] variance, GramDiagnostics diagnostics, int roundedUpVariances,
                         double mostNegativeVariance) {
}
