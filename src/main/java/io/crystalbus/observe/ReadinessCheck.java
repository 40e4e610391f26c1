package io.crystalbus.observe;

import org.apache.camel.impl.health.AbstractHealthCheck;

/** A crystal-bus health check that counts for readiness only: a busy or alerting bus is still alive. */
public abstract class ReadinessCheck extends AbstractHealthCheck {

    protected ReadinessCheck(String id) {
        super("crystal", id);
    }

    @Override
    public final boolean isLiveness() {
        return false;
    }
}
