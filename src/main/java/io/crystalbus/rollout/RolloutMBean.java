package io.crystalbus.rollout;

/** One flow's rollout flag over JMX ({@code io.crystalbus:type=Rollout,flow=<flow>}), usable from Hawtio. */
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

    /** Turns the pilot off at once: the next message takes the control path. */
    void killSwitch();
}
