package org.ntk4j.predict;

/**
 * How a finite network is trained by {@link FiniteWidthTraining}.
 *
 * @param steps        number of gradient steps S ≥ 1
 * @param learningRate η &gt; 0
 * @param outputScale  α &gt; 0 of the centred model α·(f(x; w) − f(x; w₀)); 1 for ordinary (centred) training
 * @param batchSize    B: 0 (or ≥ n) for full-batch gradient descent, otherwise SGD: each epoch reshuffles the
 *                     training set (Fisher–Yates on a Commons RNG stream derived from the seed) and takes
 *                     ⌊n/B⌋ consecutive mini-batches of B, dropping the remainder
 * @param checkpoints  about how many log-spaced checkpoints to record between step 0 and step S (≥ 1)
 * @param seed         seed of the initial parameters (and of the mini-batch order)
 */
public record TrainingSettings(int steps, double learningRate, double outputScale, int batchSize, int checkpoints,
                               long seed) {

    public TrainingSettings {
        if (steps < 1) {
            throw new IllegalArgumentException("the number of steps must be >= 1, got " + steps);
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("the learning rate must be a finite number > 0, got " + learningRate);
        }
        if (!(outputScale > 0) || Double.isInfinite(outputScale)) {
            throw new IllegalArgumentException("the output scale must be a finite number > 0, got " + outputScale);
        }
        if (batchSize < 0) {
            throw new IllegalArgumentException("the batch size must be >= 1 (or 0 for full batch), got " + batchSize);
        }
        if (checkpoints < 1) {
            throw new IllegalArgumentException("need at least 1 checkpoint, got " + checkpoints);
        }
    }

    /** Full-batch gradient descent with about 24 checkpoints. */
    public static TrainingSettings fullBatch(int steps, double learningRate, double outputScale, long seed) {
        return new TrainingSettings(steps, learningRate, outputScale, 0, 24, seed);
    }

    /** The same settings with another output scale. */
    public TrainingSettings withOutputScale(double alpha) {
        return new TrainingSettings(steps, learningRate, alpha, batchSize, checkpoints, seed);
    }

    /**
     * The checkpoint steps: 0, then about {@code checkpoints} steps spaced evenly in log(step) up to S, always
     * including 1 and S (ascending, distinct).
     */
    public int[] checkpointSteps() {
        java.util.TreeSet<Integer> set = new java.util.TreeSet<>();
        set.add(0);
        set.add(steps);
        for (int k = 0; k <= checkpoints; k++) {
            set.add((int) Math.round(Math.pow(steps, (double) k / checkpoints)));
        }
        return set.stream().mapToInt(Integer::intValue).toArray();
    }
}
