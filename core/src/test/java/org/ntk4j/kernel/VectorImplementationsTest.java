package org.ntk4j.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.ntk4j.activation.VectorApi;

/**
 * The SIMD implementations are the ones in use whenever the Vector API is available (the tests run with it, as
 * {@code ./ntk4j} does): a silent fallback to the scalar loops would cost several times the speed.
 */
class VectorImplementationsTest {

    @Test
    void simdLoopsAreLoadedWhenTheVectorApiIsPresent() {
        Assumptions.assumeTrue(VectorApi.available());
        assertThat(InputGram.INSTANCE.getClass().getSimpleName()).isEqualTo("VectorInputGram");
        assertThat(MehlerRow.INSTANCE.getClass().getSimpleName()).isEqualTo("VectorMehlerRow");
    }
}
