package org.ntk4j.predict;

/**
 * The training Gram matrix is singular to working precision where its inverse is needed (kernel regression,
 * the gradient-flow limit t → ∞) and no ridge was given. The message says which matrix and what to do.
 */
public class SingularKernelException extends ArithmeticException {
    private static final long serialVersionUID = 1L;

    public SingularKernelException(String message) {
        super(message);
    }
}
