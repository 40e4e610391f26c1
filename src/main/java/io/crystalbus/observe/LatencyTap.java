package io.crystalbus.observe;

/**
 * Receives every latency the bus measures, besides the meters: the benchmark records them exactly (the
 * meters' histograms have buckets, the benchmark wants HdrHistogram percentiles). None is set in production.
 */
public interface LatencyTap {

    /** A settlement completed, {@code micros} after its (intended) ingress time. */
    void settlement(long micros);

    /** A message reached {@code target}'s route {@code micros} after {@code source} handed it on. */
    void hop(String source, String target, long micros);
}
