package io.crystalbus.integrator;

import io.crystalbus.wiring.RouteFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code validate [files or directories]} ({@code cli.ValidateCli}): prints each problem as
 * {@code file:line: message} and answers 1, or a one-line summary and 0. A directory means its {@code *.camel.yaml} files. The
 * files are checked as they would be deployed ({@code crystal.routes.dir}): together with the shipped files
 * that they do not replace by name.
 */
public final class ValidateCommand {
    private ValidateCommand() {
    }

    /** Checks the route files among {@code paths} (files, or directories of them). */
    public static int run(List<Path> given, PrintStream out) throws Exception {
        List<Path> paths = new ArrayList<>();
        for (Path path : given) {
            if (!Files.exists(path)) {
                out.println(path + ": no such file or directory");
                return 1;
            }
            paths.addAll(routeFiles(path));
        }
        if (paths.isEmpty()) {
            out.println("no route files (*" + RouteFiles.SUFFIX + ") in " + given.stream().map(Path::toString).collect(Collectors.joining(" ")));
            return 1;
        }
        List<RouteFile> files = new ArrayList<>();
        for (Path path : paths) {
            files.add(RouteFile.read(path));
        }
        return report(new RouteValidator().validate(files, RouteValidator.shipped()), out);
    }

    /** Checks the shipped route files alone: what the bus runs without an integrator's directory. */
    public static int runShipped(PrintStream out) throws Exception {
        return report(new RouteValidator().validate(RouteValidator.shipped(), List.of()), out);
    }

    private static int report(RouteValidator.Report report, PrintStream out) {
        report.problems().forEach(out::println);
        if (report.ok()) {
            out.printf("OK: %d route files, %d routes%n", report.files(), report.routes());
            return 0;
        }
        out.printf("%d problem(s) in %d route files%n", report.problems().size(), report.files());
        return 1;
    }

    /** Whether the directory holds route files. */
    public static boolean hasRouteFiles(Path directory) {
        try {
            return Files.isDirectory(directory) && !routeFiles(directory).isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    private static List<Path> routeFiles(Path path) throws IOException {
        if (!Files.isDirectory(path)) {
            return List.of(path);
        }
        try (Stream<Path> entries = Files.list(path)) {
            return entries.filter(p -> p.getFileName().toString().endsWith(RouteFiles.SUFFIX)).sorted().toList();
        }
    }
}
