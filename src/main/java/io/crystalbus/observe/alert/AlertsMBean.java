package io.crystalbus.observe.alert;

/** JMX view of the alerts ({@code io.crystalbus:type=Alerts}), shown by Hawtio. */
public interface AlertsMBean {
    /** The firing alerts, one line each. */
    String[] getFiring();

    /** Every rule, one line each. */
    String[] getRules();

    int getFiringCount();
}
