package org.ntk4j.empirical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.ntk4j.activation.Erf;
import org.ntk4j.activation.Relu;
import org.ntk4j.network.Network;

class ConvergenceStudyTest {

    @Test
    void slopeAndIntervalOfAHandWorkedFit() {
        // log n = {0, ln 2, 2 ln 2}, log e = {0, −ln 2, −ln 2}: slope −1/2, residuals ln2·{1/6, −1/3, 1/6},
        // SE = √((ln²2/6) / 1 / (2 ln²2)) = √(1/12), t_{0.975, 1} = 12.706204736174707.
        ConvergenceStudy.Slope s = ConvergenceStudy.slope(new int[] {1, 2, 4}, new double[][] {{1}, {0.5}, {0.5}});
        assertThat(s.value()).isCloseTo(-0.5, within(1e-14));
        assertThat(s.standardError()).isCloseTo(Math.sqrt(1.0 / 12), within(1e-14));
        assertThat(s.upper() - s.value()).isCloseTo(12.706204736174707 * Math.sqrt(1.0 / 12), within(1e-9));
        assertThat(s.value() - s.lower()).isCloseTo(s.upper() - s.value(), within(1e-14));
        assertThat(ConvergenceStudy.slope(new int[] {8, 8}, new double[][] {{1, 2}, {3, 4}})).isNull();
        assertThat(ConvergenceStudy.slope(new int[] {8, 16}, new double[][] {{1, 0}, {3, 4}})).isNull();
    }

    @Test
    void errorsFallLikeTheInverseSquareRootOfTheWidth() {
        double[][] x = FiniteNetworkTest.inputs(8, 5, 3);
        int[] widths = {64, 128, 256, 512, 1024};
        for (Network net : new Network[] {Network.mlp(new Relu(), 2, 2.0, 0.1), Network.mlp(new Erf(), 1, 1.5, 0.2)}) {
            int[] count = {0};
            ConvergenceStudy.Result r = ConvergenceStudy.run(net, x, widths, 6, 2024, () -> count[0]++);
            assertThat(count[0]).isEqualTo(30);
            assertThat(r.rows()).hasSize(5);
            assertThat(r.nngpSlope().value()).isBetween(-0.65, -0.35);
            assertThat(r.ntkSlope().value()).isBetween(-0.65, -0.35);
            assertThat(r.nngpSlope().lower()).isLessThan(r.nngpSlope().value());
            for (ConvergenceStudy.Row row : r.rows()) {
                assertThat(row.nngpMeanError()).isLessThan(row.nngpError());
                assertThat(row.ntkMeanError()).isLessThan(row.ntkError());
                assertThat(row.ntkErrorStandardError()).isPositive().isLessThan(row.ntkError());
            }
        }
    }

    @Test
    void refusesBadArguments() {
        double[][] x = FiniteNetworkTest.inputs(3, 2, 1);
        Network net = Network.mlp(new Relu(), 1, 2.0, 0.1);
        assertThatThrownBy(() -> ConvergenceStudy.run(net, x, new int[] {0, 4}, 2, 1, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConvergenceStudy.run(net, x, new int[] {4}, 0, 1, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConvergenceStudy.run(Network.mlp(new Relu(), 0, 2.0, 0.1), x, new int[] {4}, 2, 1, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("depth 0");
    }
}
