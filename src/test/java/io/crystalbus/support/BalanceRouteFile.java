package io.crystalbus.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * The shipped {@code balance.camel.yaml} with steps added around its {@code applyAdjustments} step, as an
 * integrator would edit it: for tests that change the balance flow through a route file.
 */
public final class BalanceRouteFile {
    public static final String NAME = "balance.camel.yaml";
    private static final int STEP_INDENT = 8;
    private static final String APPLY = """
                    - process:
                        ref: applyAdjustments
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

    /** The shipped file with {@code before} and {@code after} (YAML steps, moved to the apply step's indentation). */
    public static String withStepsAroundApply(String before, String after) throws IOException {
        return shipped().replace(APPLY, atStepIndent(before) + APPLY + atStepIndent(after));
    }

    /** String.stripIndent would not do: it counts the empty line after the last newline as indented by 0. */
    private static String atStepIndent(String steps) {
        int indent = steps.lines().filter(line -> !line.isBlank())
                .mapToInt(line -> line.length() - line.stripLeading().length()).min().orElse(0);
        return steps.lines().map(line -> " ".repeat(STEP_INDENT) + line.substring(Math.min(indent, line.length())) + "\n")
                .collect(Collectors.joining());
    }
}
