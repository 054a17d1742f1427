package org.ntk4j.tables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntk4j.activation.Relu;
import org.ntk4j.network.Network;
import org.ntk4j.predict.FiniteWidthTraining;
import org.ntk4j.predict.TrainingSettings;

class LazyTrainingStudyTest {

    @TempDir
    Path dir;

    @Test
    void logLogSlopeRecoversAPowerLawAndRefusesNonPositiveValues() {
        double[] x = {64, 128, 512, 4096};
        double[] y = new double[4];
        for (int i = 0; i < 4; i++) {
            y[i] = 3.7 * Math.pow(x[i], -0.5);
        }
        assertThat(LazyTrainingStudy.logLogSlope(x, y)).isCloseTo(-0.5, within(1e-14));
        // least squares through ln y = a + b ln x with known residuals: slope of (0,0),(1,1),(2,3) in log space
        double e = Math.E;
        assertThat(LazyTrainingStudy.logLogSlope(new double[] {1, e, e * e}, new double[] {1, e, e * e * e}))
                .isCloseTo(1.5, within(1e-14));
        assertThat(LazyTrainingStudy.logLogSlope(new double[] {1, 2}, new double[] {1, 0})).isNaN();
        assertThat(LazyTrainingStudy.logLogSlope(new double[] {1}, new double[] {1})).isNaN();
    }

    @Test
    void sweepRendersTableJsonAndPlots() throws IOException {
        Random r = new Random(5);
        double[][] x = new double[6][3];
        double[] y = new double[6];
        double[][] xt = new double[3][3];
        for (int i = 0; i < 6; i++) {
            for (int k = 0; k < 3; k++) {
                x[i][k] = r.nextGaussian();
            }
            y[i] = r.nextGaussian();
        }
        for (double[] row : xt) {
            for (int k = 0; k < 3; k++) {
                row[k] = r.nextGaussian();
            }
        }
        Network net = Network.mlp(new Relu(), 1, 2.0, 0.1);
        FiniteWidthTraining data = new FiniteWidthTraining(net.withHiddenWidth(8), x, y, xt);
        int[] calls = new int[1];
        LazyTrainingStudy study = LazyTrainingStudy.run(net, data, new int[] {32, 128, 512}, new double[] {1}, 2,
                new TrainingSettings(10, 0.3, 1, 0, 3, 1), "relu test", k -> calls[0] += k);
        assertThat(calls[0]).isEqualTo(3 * 2 * 10);
        assertThat(study.sweep()).isEqualTo(LazyTrainingStudy.Sweep.WIDTH);
        assertThat(study.points()).hasSize(3).allSatisfy(p -> assertThat(p.runs()).hasSize(2));
        Table t = study.table();
        assertThat(t.rows()).hasSize(4);
        assertThat(t.rows().get(3).get(0)).isEqualTo("slope vs");
        assertThat(t.render("latex")).contains("\\toprule");
        assertThat(study.json()).contains("\"slopes\": {").contains("\"ntk_deviation\": ");
        // the table's NTK-deviation column is the mean over the two seeds
        double mean = (study.points().get(0).runs().get(0).initialNtkDeviation()
                + study.points().get(0).runs().get(1).initialNtkDeviation()) / 2;
        assertThat(LazyTrainingStudy.Metric.NTK_DEVIATION.of(study.points().get(0))).isCloseTo(mean, within(1e-15));

        Path png = dir.resolve("lazy.png");
        Path svg = dir.resolve("lazy.svg");
        study.savePlot(png);
        study.savePlot(svg);
        byte[] head = Files.readAllBytes(png);
        assertThat(head[1]).isEqualTo((byte) 'P');
        assertThat(head[2]).isEqualTo((byte) 'N');
        String s = Files.readString(svg);
        assertThat(s).contains("<svg").contains("<path");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("lazy.png", "lazy.svg");
        }
    }

    @Test
    void aSingleWidthWithSeveralScalesSweepsAlpha() {
        double[][] x = {{1, 0}, {0, 1}, {1, 1}};
        double[] y = {1, -1, 0.5};
        Network net = Network.mlp(new Relu(), 1, 2.0, 0.1);
        FiniteWidthTraining data = new FiniteWidthTraining(net.withHiddenWidth(8), x, y, x);
        LazyTrainingStudy study = LazyTrainingStudy.run(net, data, new int[] {64}, new double[] {1, 10, 100}, 1,
                new TrainingSettings(5, 0.2, 1, 0, 2, 3), "alpha", null);
        assertThat(study.sweep()).isEqualTo(LazyTrainingStudy.Sweep.OUTPUT_SCALE);
        // the weights move like 1/alpha
        assertThat(study.slope(LazyTrainingStudy.Metric.WEIGHT_CHANGE)).isCloseTo(-1.0, within(0.05));
    }
}
