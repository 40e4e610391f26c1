package io.crystalbus.integrator;

import static org.assertj.core.api.Assertions.assertThat;

import io.crystalbus.support.Cli;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** {@code validate} over the shipped route files and over broken ones, each with its file, line and message. */
class ValidateCommandTest {

    private record Run(int exitCode, String output) {
    }

    private static Run validate(String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = "validate";
        System.arraycopy(args, 0, command, 1, args.length);
        Cli validate = Cli.run(command);
        return new Run(validate.exitCode(), validate.out());
    }

    @Test
    void theShippedRouteFilesAreValid() throws Exception {
        Run run = validate("src/main/resources/routes");
        assertThat(run.output()).startsWith("OK: 10 route files, ").contains(" routes");
        assertThat(run.exitCode()).isZero();
    }

    @Test
    void withoutAnArgumentTheFilesInUseAreCheckedWhateverTheWorkingDirectory() throws Exception {
        // the shipped files come from the jar's class path, not from src/main/resources in the working directory
        Run run = validate();
        assertThat(run.output()).startsWith("OK: 10 route files, ");
        assertThat(run.exitCode()).isZero();
    }

    @Test
    void aPathThatDoesNotExistIsOneLineAndExitCode1() throws Exception {
        Run run = validate("no/such/routes");
        assertThat(run.output().strip()).isEqualTo("no/such/routes: no such file or directory");
        assertThat(run.exitCode()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            bad-yaml                    | 8 | not valid YAML: while scanning a quoted scalar (from line 6): found unexpected end of stream
            wrong-indentation           | 7 | not valid YAML: while parsing a block mapping (from line 4): expected <block end>, but found '-'
            unknown-eip                 | 7 | $[0].route.from.steps[1]: property 'teleport' is not defined in the schema
            typo-in-key                 | 4 | $[0].route.from: property 'stepz' is not defined in the schema
            wrong-value-type            | 4 | $[0].route.routeConfigurationId: array found, string expected
            unknown-component           | 7 | No endpoint could be found for: nosuchcomponent://somewhere
            missing-bean                | 7 | No bean could be found in the registry for: loyaltyPoints
            unresolved-placeholder      | 7 | Property with key [crystal.outbox.loyalty] not found
            duplicate-route-id          | 3 | route id 'balance' is used twice (also balance.camel.yaml:6)
            unknown-inbox               | 6 | there is no inbox 'loyalty'
            unconsumed-direct           | 7 | nothing consumes direct:nobody-listens
            unknown-route-configuration | 3 | no routeConfiguration has the id 'loyalty-errors'
            """)
    void aBrokenFileIsReportedWithItsLineAndExitCode1(String name, int line, String message) throws Exception {
        Run run = validate("src/test/resources/broken-routes/" + name + ".camel.yaml");
        assertThat(run.output()).contains(name + ".camel.yaml:" + line + ": " + message);
        assertThat(run.exitCode()).isEqualTo(1);
    }

    @Test
    void everyProblemOfADirectoryIsListed() throws Exception {
        Run run = validate("src/test/resources/broken-routes");
        // the schema and cross-file checks report every file; the load into Camel waits until those pass
        assertThat(run.output()).contains("bad-yaml.camel.yaml:8:", "typo-in-key.camel.yaml:4:", "unknown-inbox.camel.yaml:6:",
                "duplicate-route-id.camel.yaml:3:", "unconsumed-direct.camel.yaml:7:").endsWith("in 12 route files\n");
        assertThat(run.exitCode()).isEqualTo(1);
    }
}
