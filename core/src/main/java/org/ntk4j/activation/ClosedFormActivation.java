package org.ntk4j.activation;

import java.util.Optional;

/**
 * An activation whose duals are closed forms, in double precision and (as {@link PreciseDual}) in arbitrary
 * precision. Implementing this interface is all it takes for an activation to reach the certified spectra.
 */
public interface ClosedFormActivation extends Activation, PreciseDual {

    @Override
    default boolean hasClosedFormDual() {
        return true;
    }

    @Override
    default Optional<PreciseDual> preciseDual() {
        return Optional.of(this);
    }
}
