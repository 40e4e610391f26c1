package io.crystalbus.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shipped {@code balance.camel.yaml} with steps added around the one-by-one {@code apply} step, as an
 * integrator would edit it: for tests that change the balance flow through a route file.
 */
public final class BalanceRouteFile {
    public static final String NAME = "balance.camel.yaml";
    private static final String APPLY = """
                            - bean:
                                ref: balance
                                method: apply
            """;

    private BalanceRouteFile() {
    }

    public static String shipped() throws IOException {
        String text = Files.readString(Path.of("src/main/resources/routes", NAME));
        if (!text.contains(APPLY)) {
            throw new IllegalStateException("the shipped " + NAME + " no longer has the apply step this helper edits");
        }
        return text;
    }

    /** The shipped file with {@code before} and {@code after} (YAML steps at the apply step's indentation). */
    public static String withStepsAroundApply(String before, String after) throws IOException {
        return shipped().replace(APPLY, before + APPLY + after);
    }
}
