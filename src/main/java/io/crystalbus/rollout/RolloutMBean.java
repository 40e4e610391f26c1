package io.crystalbus.rollout;

/**
 * One flow's rollout over JMX ({@code io.crystalbus:type=Rollout,flow=<flow>}), usable from Hawtio: the flag, the
 * share the pilot takes now, the decisions and fallbacks so far, and the guardrail's state.
 */
public interface RolloutMBean {
    boolean isEnabled();

    void setEnabled(boolean enabled);

    double getPercent();

    void setPercent(double percent);

    String getPilot();

    void setPilot(String mode);

    String getControl();

    void setControl(String mode);

    String getKey();

    void setKey(String field);

    /** The share the pilot takes now: the percentage while enabled, 0 once switched off. */
    double getEffectivePercent();

    long getPilotDecisions();

    long getControlDecisions();

    /** Messages that failed on the pilot's route version and were handled by the domain's steps instead. */
    long getFallbacks();

    /** {@code piloting}, {@code off} (switched off by a person, or no share) or {@code tripped} (by the guardrail). */
    String getGuardrailState();

    /** Why the guardrail switched the pilot off, or empty. */
    String getTrippedReason();

    /** Turns the pilot off at once: the next message takes the control path. */
    void killSwitch();
}
