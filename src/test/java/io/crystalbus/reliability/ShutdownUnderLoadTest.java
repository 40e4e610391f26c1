package io.crystalbus.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.crystalbus.domain.balance.AccountBalance;
import io.crystalbus.domain.balance.Ledger;
import io.crystalbus.support.RunningBus;
import io.crystalbus.support.Wagers;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/**
 * The bus is stopped while clients post wagers as fast as they can and the balance channel holds open batches:
 * every wager that was answered 202 is applied (the inboxes and batches drain on stop), every other request got
 * an error answer or a refused connection (none hangs, none is dropped in silence). An error answer during the stop
 * is the API's own: {@code 503} in JSON with {@code Retry-After}, so a client knows to retry (elsewhere).
 */
class ShutdownUnderLoadTest {
    private static final int CLIENTS = 6;

    @Test
    void everyAcknowledgedWagerIsAppliedAndEveryOtherRequestGotAnError() throws Exception {
        RunningBus bus = RunningBus.start(Map.of(
                "crystal.rollout.balance.control", "batch",
                "crystal.batch.balance.max-age-ms", "200",
                "crystal.batch.balance.max-size", "5000"));
        Map<String, LongAdder> acknowledged = new ConcurrentHashMap<>();
        AtomicInteger refused = new AtomicInteger();
        AtomicLong slowestMillis = new AtomicLong();
        AtomicBoolean stopped = new AtomicBoolean();
        AtomicInteger afterStop = new AtomicInteger();
        List<String> wrongRefusals = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            String customer = "C-sd-" + c;
            acknowledged.put(customer, new LongAdder());
            Thread client = new Thread(() -> {
                // keeps sending until a few requests after the stop were answered with an error
                for (int i = 0; afterStop.get() < 20 * CLIENTS; i++) {
                    long began = System.nanoTime();
                    int status;
                    try {
                        HttpResponse<String> answer = bus.postJson("/api/v1/wagers/settled", Wagers.winJson("W-" + customer + "-" + i, customer));
                        status = answer.statusCode();
                        if (status != 202 && !isRetryLater(answer)) {
                            wrongRefusals.add(status + " " + answer.headers().map() + " " + answer.body());
                        }
                    } catch (IllegalStateException connectionRefused) {
                        status = -1;
                    }
                    slowestMillis.accumulateAndGet((System.nanoTime() - began) / 1_000_000, Math::max);
                    if (status == 202) {
                        acknowledged.get(customer).increment();
                    } else {
                        refused.incrementAndGet();
                    }
                    if (stopped.get()) {
                        afterStop.incrementAndGet();
                    }
                }
            });
            clients.add(client);
            client.start();
        }
        Thread.sleep(1_500); // the load window before the stop: the duration is the subject
        long acknowledgedBeforeStop = acknowledged.values().stream().mapToLong(LongAdder::sum).sum();
        bus.close();
        stopped.set(true);
        for (Thread client : clients) {
            client.join(60_000);
            assertThat(client.isAlive()).isFalse();
        }

        long acknowledgedInAll = acknowledged.values().stream().mapToLong(LongAdder::sum).sum();
        System.out.printf("shutdown under load: %d acknowledged (%d before the stop began), %d refused, slowest answer %d ms%n",
                acknowledgedInAll, acknowledgedBeforeStop, refused.get(), slowestMillis.get());
        assertThat(acknowledgedBeforeStop).isGreaterThan(100);
        assertThat(refused.get()).isGreaterThan(0);
        assertThat(slowestMillis.get()).isLessThan(10_000);
        assertThat(wrongRefusals).as("refusals that were not a JSON 503 with Retry-After").isEmpty();
        Ledger ledger = bus.bean("ledger", Ledger.class);
        for (var customer : acknowledged.entrySet()) {
            long applied = ledger.balance(customer.getKey()).map(AccountBalance::balance).orElse(0L);
            assertThat(applied).as(customer.getKey()).isEqualTo(2500L * customer.getValue().sum());
        }
    }

    private static boolean isRetryLater(HttpResponse<String> answer) {
        return answer.statusCode() == 503 && answer.headers().firstValue("Retry-After").isPresent()
                && answer.headers().firstValue("Content-Type").orElse("").startsWith("application/json")
                && answer.body().startsWith("{\"error\":");
    }
}
