package org.ntk4j.network;

/**
 * One layer of a fully-connected network, in the spirit of neural-tangents' {@code stax}: a network is a list of
 * layers, and every computation (infinite-width kernel, finite random network, empirical kernel) is an
 * interpreter of that list.
 */
public sealed interface Layer permits Dense, Nonlinearity {
}
