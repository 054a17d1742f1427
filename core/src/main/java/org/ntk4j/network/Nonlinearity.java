package org.ntk4j.network;

import java.util.Objects;
import org.ntk4j.activation.Activation;

/** A pointwise nonlinearity h ↦ φ(h). */
public record Nonlinearity(Activation activation) implements Layer {
    public Nonlinearity {
        Objects.requireNonNull(activation, "activation");
    }
}
