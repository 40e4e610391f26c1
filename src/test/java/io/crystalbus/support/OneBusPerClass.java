package io.crystalbus.support;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** For test classes whose tests share one bus with the shipped settings: started before the first test, stopped after the last. */
public abstract class OneBusPerClass {
    protected static RunningBus bus;

    @BeforeAll
    static void startBus() throws Exception {
        bus = RunningBus.start();
    }

    @AfterAll
    static void stopBus() throws Exception {
        bus.close();
    }
}
