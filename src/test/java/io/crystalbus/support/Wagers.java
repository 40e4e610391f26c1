package io.crystalbus.support;

/** Request bodies for tests. */
public final class Wagers {
    private Wagers() {
    }

    public static String json(String wagerId, String customerId, String agentId, long stake, long payout, String outcome,
                              boolean freePlay) {
        return """
                {"wagerId":"%s","customerId":"%s","agentId":"%s","currency":"USD","stake":%d,"payout":%d,\
                "outcome":"%s","freePlay":%s,"settledAt":"2026-11-27T12:00:00Z"}"""
                .formatted(wagerId, customerId, agentId, stake, payout, outcome, freePlay);
    }

    public static String winJson(String wagerId, String customerId) {
        return json(wagerId, customerId, "A-7", 1000, 2500, "WIN", false);
    }

    public static String winYaml(String wagerId, String customerId) {
        return """
                wagerId: %s
                customerId: %s
                agentId: A-7
                currency: USD
                stake: 1000
                payout: 2500
                outcome: WIN
                freePlay: false
                settledAt: 2026-11-27T12:00:00Z
                """.formatted(wagerId, customerId);
    }
}
