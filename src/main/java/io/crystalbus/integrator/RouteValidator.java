package io.crystalbus.integrator;

import io.crystalbus.wiring.CrystalBusRoutes;
import io.crystalbus.wiring.RouteFiles;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code validate}: each route file against the YAML DSL schema, the checks across files, then (when those
 * found nothing) a load of all of them into a bus that is not started.
 */
public final class RouteValidator {
    private final RouteSchema schema = new RouteSchema();

    /** What a validation found: its problems (empty when all is well), and how much it checked. */
    public record Report(List<Problem> problems, int files, int routes) {

        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /**
     * Validates {@code files} as they would be deployed: with the shipped route files that none of them
     * replaces by name (those are checked together with them, as Camel would load them all).
     */
    public Report validate(List<RouteFile> files, List<RouteFile> shipped) throws Exception {
        RouteChecks checks = new RouteChecks();
        List<Problem> problems = checkWithoutLoading(files, shipped, checks);
        if (problems.isEmpty()) {
            problems.addAll(LoadCheck.check(files, checks.routePlaces()));
        }
        return new Report(problems, files.size(), checks.routeCount());
    }

    /** The schema and the checks across files, without loading anything. */
    private List<Problem> checkWithoutLoading(List<RouteFile> files, List<RouteFile> shipped, RouteChecks checks) {
        List<Problem> problems = new ArrayList<>();
        java.util.Set<String> given = new java.util.HashSet<>();
        files.forEach(file -> given.add(file.name()));
        // the shipped files first, so a clash is reported in the file being checked
        shipped.stream().filter(file -> !given.contains(file.name())).forEach(checks::add);
        for (RouteFile file : files) {
            problems.addAll(schema.check(file));
            checks.add(file);
        }
        problems.addAll(checks.problems());
        return problems;
    }

    /** The route files inside the application, read for checking. */
    public static List<RouteFile> shipped() throws Exception {
        List<RouteFile> files = new ArrayList<>();
        try (org.apache.camel.CamelContext context = new org.apache.camel.impl.DefaultCamelContext()) {
            for (org.apache.camel.spi.Resource resource : CrystalBusRoutes.shippedOnClassPath(context)) {
                try (var in = resource.getInputStream()) {
                    files.add(RouteFile.read(RouteFiles.fileName(resource), new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)));
                }
            }
        }
        return files;
    }
}
