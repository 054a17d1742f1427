package org.ntk4j.activation;

import java.util.function.Supplier;

/**
 * Loads the SIMD implementation of a hot loop when the incubating Vector API (jdk.incubator.vector) is in the boot
 * layer — {@code ./ntk4j} adds it — and {@code -Dntk4j.vector=false} is not set; the scalar implementation
 * otherwise. The SIMD classes are loaded reflectively, so that nothing else touches the incubator module.
 */
public final class VectorApi {

    private VectorApi() {
    }

    /** Whether SIMD implementations may be used. */
    public static boolean available() {
        return !"false".equalsIgnoreCase(System.getProperty("ntk4j.vector"))
                && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    /** A new instance of {@code className} (a {@code type} with a no-argument constructor), or {@code scalar}. */
    public static <T> T choose(Class<T> type, String className, Supplier<? extends T> scalar) {
        if (!available()) {
            return scalar.get();
        }
        try {
            // The SIMD classes are package-private beside their interfaces.
            java.lang.reflect.Constructor<?> constructor = Class.forName(className).getDeclaredConstructor();
            constructor.setAccessible(true);
            return type.cast(constructor.newInstance());
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return scalar.get();
        }
    }
}
